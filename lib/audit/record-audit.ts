import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * What came of an audited act: done (`ok`), asked for and under way
 * (`requested`), a test transmission's outcome (`passed`, `failed`, `error`),
 * or refused (`denied`).
 */
export type AuditResult = "ok" | "requested" | "passed" | "failed" | "error" | "denied";

export interface AuditEntry {
  actor: Actor;
  action: string;
  target?: string | null;
  result: AuditResult;
  detail?: Prisma.InputJsonValue;
}

/**
 * The client an audit row is written with: the transaction of the change it
 * records, so both commit or neither does. Only an act that changes nothing
 * (a refused sign-in, a capture) passes `db.prisma` itself.
 */
export type AuditClient = Prisma.TransactionClient;

export async function recordAudit(client: AuditClient, entry: AuditEntry): Promise<void> {
  await client.auditLog.create({
    data: {
      actor: entry.actor.label,
      actorType: entry.actor.kind,
      action: entry.action,
      target: entry.target ?? null,
      result: entry.result,
      detail: entry.detail,
    },
  });
}

/**
 * Runs a change and writes its audit row in one transaction, fail-closed: when
 * the audit row cannot be written the change is rolled back, and a process
 * that dies in between leaves neither. `audit` may return null when the change
 * turned out to change nothing worth recording.
 */
export function auditedChange<T>(
  db: Database,
  change: (tx: Prisma.TransactionClient) => Promise<T>,
  audit: (result: T) => AuditEntry | null,
): Promise<T> {
  return db.prisma.$transaction(async (tx) => {
    const result = await change(tx);
    const entry = audit(result);
    if (entry) await recordAudit(tx, entry);
    return result;
  });
}
