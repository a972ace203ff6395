import type { Database } from "@/lib/db";
import { getSettings } from "@/lib/settings/internal/get-settings";
import type { WorkerJob } from "@/lib/worker/worker-jobs";

/**
 * Forgets heartbeats older than the poll-history retention. The ingest route
 * refuses heartbeats older than that, so a replay is still recognised as one.
 */
export async function pruneHeartbeats(db: Database, retentionHours: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionHours * 3_600_000);
  return db.prisma.heartbeat.deleteMany({ where: { observedAt: { lt: cutoff } } }).then((result) => result.count);
}

export const heartbeatJobs: WorkerJob[] = [
  {
    name: "prune-heartbeats",
    everyMs: 15 * 60_000,
    run: async ({ db, now }) => {
      await pruneHeartbeats(db, (await getSettings(db)).pollRetentionHours, now());
    },
  },
];
