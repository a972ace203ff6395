import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import type { Database } from "@/lib/db";
import { recordSignIn } from "./record-sign-in";

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  role: "viewer" | "operator" | "admin";
}

/**
 * Checks an email and password; null when either is wrong or the user is
 * disabled. Every attempt, either way, goes into the audit log.
 */
export async function verifySignIn(db: Database, email: string, password: string, context: { address?: string | null } = {}): Promise<SignedInUser | null> {
  const normalised = email.trim().toLowerCase();
  const user = await db.prisma.user.findUnique({ where: { email: normalised } });
  if (!user || user.role === "collector") {
    await burnPasswordCheck(password);
    await recordSignIn(db, { email: normalised, address: context.address, result: "failed", reason: "unknown-account" });
    return null;
  }
  const matches = await verifyPassword(password, user.passwordHash);
  if (!matches || user.disabled) {
    await recordSignIn(db, { email: user.email, userId: user.id, address: context.address, result: "failed", reason: matches ? "disabled" : "wrong-password" });
    return null;
  }
  await db.prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await recordSignIn(db, { email: user.email, userId: user.id, address: context.address, result: "ok" });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
