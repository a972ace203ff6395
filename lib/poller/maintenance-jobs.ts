import { storedViewChange } from "@/lib/appliances/stored-view-change";
import type { Database } from "@/lib/db";
import { billingSettingsOf } from "@/lib/settings/get-settings";
import { getSettings } from "@/lib/settings/internal/get-settings";
import type { WorkerJob } from "@/lib/worker/worker-jobs";

const PAGE = 1_000;

/**
 * Recomputes the stored view columns for the current time: statuses move with
 * the clock alone (countdowns, staleness) even when no new evidence arrives.
 */
export async function refreshStoredViews(db: Database, now = new Date()): Promise<number> {
  const billing = billingSettingsOf(await getSettings(db));
  let changed = 0;
  let after: string | undefined;
  for (;;) {
    const rows = await db.prisma.appliance.findMany({
      where: after ? { id: { gt: after } } : {},
      orderBy: { id: "asc" },
      take: PAGE,
    });
    if (rows.length === 0) return changed;
    after = rows[rows.length - 1].id;
    for (const row of rows) {
      const columns = storedViewChange(row, billing, now);
      if (!columns) continue;
      await db.prisma.appliance.update({ where: { id: row.id }, data: columns });
      changed += 1;
    }
  }
}

/** Folds raw polls older than the retention into daily counts, then deletes them. */
export async function prunePolls(db: Database, retentionHours: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionHours * 3_600_000);
  return db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "PollDaily" ("applianceId", day, "okCount", "failCount", "totalMs", "maxMs")
      SELECT "applianceId", (at AT TIME ZONE 'UTC')::date, count(*) FILTER (WHERE ok), count(*) FILTER (WHERE NOT ok),
             sum("durationMs"), max("durationMs")
      FROM "Poll" WHERE at < ${cutoff}
      GROUP BY 1, 2
      ON CONFLICT ("applianceId", day) DO UPDATE SET
        "okCount" = "PollDaily"."okCount" + EXCLUDED."okCount",
        "failCount" = "PollDaily"."failCount" + EXCLUDED."failCount",
        "totalMs" = "PollDaily"."totalMs" + EXCLUDED."totalMs",
        "maxMs" = GREATEST("PollDaily"."maxMs", EXCLUDED."maxMs")`;
    return tx.$executeRaw`DELETE FROM "Poll" WHERE at < ${cutoff}`;
  });
}

export const maintenanceJobs: WorkerJob[] = [
  { name: "refresh-views", everyMs: 30_000, run: ({ db }) => refreshStoredViews(db).then(() => undefined) },
  {
    name: "prune-polls",
    everyMs: 15 * 60_000,
    run: async ({ db }) => {
      await prunePolls(db, (await getSettings(db)).pollRetentionHours);
    },
  },
];
