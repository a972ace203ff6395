import type { Database } from "@/lib/db";

/**
 * Leases up to `limit` polled appliances that are due. SKIP LOCKED lets any
 * number of workers claim at once without waiting on or taking each other's
 * rows; an expired lease (a worker that died) makes the appliance claimable again.
 */
export async function claimDueAppliances(
  db: Database,
  workerId: string,
  limit: number,
  leaseMs: number,
  now = new Date(),
): Promise<string[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await db.prisma.$queryRaw<{ id: string }[]>`
    UPDATE "Appliance" SET "leaseOwner" = ${workerId}, "leaseUntil" = ${leaseUntil}
    WHERE id IN (
      SELECT id FROM "Appliance"
      WHERE mode = 'polled'
        AND "nextPollAt" <= ${now}
        AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
        AND "tlsCertificateChangedAt" IS NULL
      ORDER BY "nextPollAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id::text AS id`;
  return rows.map((row) => row.id);
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
