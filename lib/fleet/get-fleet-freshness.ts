import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { liveWorkers } from "@/lib/worker/run-worker";

export interface FleetFreshness {
  /** When this answer was made. */
  at: string;
  workerAlive: boolean;
  lastWorkerBeatAt: string | null;
  /** Newest successful poll or heartbeat anywhere in the fleet. */
  newestDataAt: string | null;
}

/** How fresh the fleet's data is, so every screen can say so (and say when the worker is down). */
export async function getFleetFreshness(db: Database, actor: Actor | null, now = new Date()): Promise<FleetFreshness> {
  authorize(actor, "viewer");
  const [workers, newest, lastBeat] = await Promise.all([
    liveWorkers(db, now),
    db.prisma.appliance.aggregate({ _max: { lastDataAt: true } }),
    db.prisma.workerHeartbeat.aggregate({ _max: { beatAt: true } }),
  ]);
  return {
    at: now.toISOString(),
    workerAlive: workers.length > 0,
    lastWorkerBeatAt: lastBeat._max.beatAt?.toISOString() ?? null,
    newestDataAt: newest._max.lastDataAt?.toISOString() ?? null,
  };
}
