import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { isUserRole, type UserRole } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  role: "viewer" | "operator" | "admin";
}

/**
 * Checks an email and password; null when either is wrong or the user is disabled.
 * `refuse` may turn a right password away for the user's role, with a message to show.
 */
export async function verifySignIn(
  db: Database,
  email: string,
  password: string,
  refuse: (role: UserRole) => string | null = () => null,
): Promise<SignedInUser | null> {
  const user = await db.prisma.user.findUnique({ where: { email: email.trim().toLowerCase() } });
  // Single sign-on users have no password (an empty hash): they never sign in here.
  if (!user || !isUserRole(user.role) || user.passwordHash === "") {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(password, user.passwordHash)) || user.disabled) return null;
  const refusal = refuse(user.role);
  if (refusal) throw new Error(refusal);
  await db.prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
