import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { isUserRole, type UserRole } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { recordSignIn } from "./record-sign-in";

export interface SignedInUser {
  id: string;
  email: string;
  name: string | null;
  role: "viewer" | "operator" | "admin";
}

export interface SignInContext {
  address?: string | null;
  /** May turn a right password away for the user's role (local accounts switched off), with a message to show. */
  refuse?: (role: UserRole) => string | null;
}

/**
 * Checks an email and password; null when either is wrong or the user is
 * disabled. Every attempt, either way, goes into the audit log.
 */
export async function verifySignIn(db: Database, email: string, password: string, context: SignInContext = {}): Promise<SignedInUser | null> {
  const normalised = email.trim().toLowerCase();
  const user = await db.prisma.user.findUnique({ where: { email: normalised } });
  // Single sign-on users have no password (an empty hash): they never sign in here.
  if (!user || !isUserRole(user.role) || user.passwordHash === "") {
    await burnPasswordCheck(password);
    await recordSignIn(db, { email: normalised, address: context.address, result: "failed", reason: "unknown-account" });
    return null;
  }
  const matches = await verifyPassword(password, user.passwordHash);
  if (!matches || user.disabled) {
    await recordSignIn(db, { email: user.email, userId: user.id, address: context.address, result: "failed", reason: matches ? "disabled" : "wrong-password" });
    return null;
  }
  const refusal = context.refuse?.(user.role) ?? null;
  if (refusal) {
    await recordSignIn(db, { email: user.email, userId: user.id, address: context.address, result: "failed", reason: "local-sign-in-off" });
    throw new Error(refusal);
  }
  await db.prisma.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await recordSignIn(db, { email: user.email, userId: user.id, address: context.address, result: "ok" });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
