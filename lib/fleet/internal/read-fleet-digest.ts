import type { Database } from "@/lib/db";
import { WORKER_ALIVE_MS } from "@/lib/worker/run-worker";

/**
 * A fingerprint of what the fleet screens show: it changes when an appliance is
 * added, removed or renamed, when its status, countdown, proof of sending,
 * readiness or poll error changes, and when the worker stops or starts. Polls
 * that change nothing leave it alone, so live screens redraw only when needed.
 */
export async function readFleetDigest(db: Database, now = new Date()): Promise<string> {
  const [row] = await db.prisma.$queryRaw<{ appliances: number; hash: string; workers: number }[]>`
    SELECT count(*)::int AS appliances,
           coalesce(sum(hashtext(concat_ws('|', id::text, name, tenant, region, "billingStatus", "migrationReadiness",
             "failingSince"::text, "disconnectAt"::text, "lastSuccessfulSendAt"::text, version,
             ("lastPollError" IS NULL)::text, ("tlsCertificateChangedAt" IS NULL)::text))::bigint), 0)::text AS hash,
           (SELECT count(*)::int FROM "WorkerHeartbeat" WHERE "beatAt" >= ${new Date(now.getTime() - WORKER_ALIVE_MS)}) AS workers
    FROM "Appliance"`;
  return `${row.appliances}:${row.hash}:${row.workers > 0 ? "up" : "down"}`;
}
