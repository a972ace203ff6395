import type { Database } from "@/lib/db";
import type { Appliance } from "@/lib/generated/prisma/client";

/**
 * The appliances waiting for a poll at `now` (an SQL parameter such as "$3"):
 * polled, due, held by no live lease (an expired one, a worker that died, no
 * longer holds), certificate not in question. The claim takes from these and
 * the poll lag (lib/metrics) measures how long the oldest of them has waited.
 */
export function waitingForPollSql(now: string): string {
  return `mode = 'polled' AND "nextPollAt" <= ${now} AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now}) AND "tlsCertificateChangedAt" IS NULL`;
}

// Oldest due first. SKIP LOCKED lets any number of workers claim at once
// without waiting on or taking each other's rows.
const CLAIM = `
  UPDATE "Appliance" SET "leaseOwner" = $1, "leaseUntil" = $2
  WHERE id IN (
    SELECT id FROM "Appliance"
    WHERE ${waitingForPollSql("$3")}
    ORDER BY "nextPollAt"
    LIMIT $4
    FOR UPDATE SKIP LOCKED
  )`;

/**
 * Leases up to `limit` due appliances and returns their rows, in the claim's one
 * statement. The poller claims a batch every few milliseconds at 10,000
 * appliances; reading the rows again through the ORM cost more than the polls'
 * own bookkeeping. The row is the Appliance as the ORM reads it: the table's
 * columns carry the model's field names and types (uuid and enums as text,
 * timestamps as Date, jsonb parsed, text[] as arrays, a NULL list as []), which
 * tests/integration/poller/claim-rows.test.ts checks against the ORM on both databases.
 */
export async function claimDueApplianceRows(
  db: Database,
  workerId: string,
  limit: number,
  leaseMs: number,
  now = new Date(),
): Promise<Appliance[]> {
  const rows = await db.sql.query<Appliance & Record<string, unknown>>(
    `${CLAIM} RETURNING "Appliance".*`,
    [workerId, new Date(now.getTime() + leaseMs), now, limit],
    "lifeline-claim-appliances",
  );
  // A list column left NULL (a row written before it had a default) reads as [] through the ORM.
  for (const row of rows) {
    row.tags ??= [];
    row.pollWarnings ??= [];
  }
  return rows;
}

/** Gives back leases not used (a stopping worker), so another worker polls them at once. */
export async function releaseLeases(db: Database, workerId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.prisma.appliance.updateMany({
    where: { id: { in: ids }, leaseOwner: workerId },
    data: { leaseOwner: null, leaseUntil: null },
  });
}

/** Gives back every lease a worker holds (it resumes after losing the database: nothing it claimed is under way). */
export async function releaseWorkerLeases(db: Database, workerId: string): Promise<number> {
  const released = await db.prisma.appliance.updateMany({
    where: { leaseOwner: workerId },
    data: { leaseOwner: null, leaseUntil: null },
  });
  return released.count;
}
