import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import type { Database } from "@/lib/db";

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  role: "viewer" | "operator" | "admin";
}

/** Checks an email and password; null when either is wrong or the user is disabled. */
export async function verifySignIn(db: Database, email: string, password: string): Promise<SignedInUser | null> {
  const user = await db.prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  if (!user || user.role === "collector") {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash)) || user.disabled) return null;
  await db.prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
