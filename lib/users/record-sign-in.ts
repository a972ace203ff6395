import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";

export type SignInOutcome =
  | { result: "ok" }
  | { result: "failed"; reason: "unknown-account" | "wrong-password" | "disabled" | "local-sign-in-off" }
  | { result: "denied"; reason: "rate-limited" };

/**
 * One sign-in attempt in the audit log, successful or not: who (the account
 * named), from where, how, and why it failed. Never the password.
 */
export async function recordSignIn(
  db: Database,
  attempt: { email: string; userId?: string | null; address?: string | null; method?: string } & SignInOutcome,
): Promise<void> {
  const { email, userId, address, method = "password", ...outcome } = attempt;
  await recordAudit(db.prisma, {
    actor: { kind: "user", id: userId ?? "unknown", label: email.slice(0, 254), role: "viewer" },
    action: "auth.sign-in",
    target: `user:${email.slice(0, 254)}`,
    result: outcome.result,
    detail: { method, address: address ?? null, ...("reason" in outcome ? { reason: outcome.reason } : {}) },
  });
}
