import { setTimeout as sleep } from "node:timers/promises";
import type { Appliance } from "@/lib/generated/prisma/client";
import { countPoll } from "@/lib/metrics/metric-counters";
import { getSettings } from "@/lib/settings/internal/get-settings";
import type { JobContext, WorkerJob } from "@/lib/worker/worker-jobs";
import { claimDueApplianceRows, releaseLeases } from "./claim-due-appliances";
import { pollAppliance } from "./poll-appliance";
import { pollLeaseMs } from "./poll-lease";
import { PollWriter } from "./poll-writer";
import { SessionCache } from "./session-cache";

/** How often idle lanes look for newly due appliances while another lane is still polling. */
export const IDLE_LANE_CLAIM_MS = 500;

/**
 * Drains due appliances with `pollConcurrency` lanes. Each lane takes the next
 * claimed appliance; claims are made in small batches so leases stay short and
 * other workers get their share. A slow ZVM holds one lane, never the others:
 * while any lane is still polling, idle lanes keep claiming what falls due
 * (a "Poll now", the next interval), so one ZVM answering in 15 s does not
 * hold the rest of the fleet back until the sweep ends.
 */
export async function sweepDueAppliances(context: JobContext, sessions: SessionCache): Promise<number> {
  const { db, workerId, signal } = context;
  const settings = await getSettings(db);
  const lanes = settings.pollConcurrency;
  const batchSize = Math.max(1, Math.min(lanes, 250));
  const queue: Appliance[] = [];
  let exhausted = false;
  let emptyClaimAt = 0;
  let claiming: Promise<void> | null = null;
  let idling: Promise<void> | null = null;
  let polled = 0;
  let busy = 0;
  const writer = new PollWriter(db, workerId, { maxBatch: Math.max(1, Math.min(lanes, 100)), maxDelayMs: 50 });

  const refill = async () => {
    const claimed = await claimDueApplianceRows(db, workerId, batchSize, pollLeaseMs(settings));
    if (claimed.length === 0) {
      exhausted = true;
      emptyClaimAt = Date.now();
    } else queue.push(...claimed);
  };
  const next = async (): Promise<Appliance | undefined> => {
    for (;;) {
      while (queue.length === 0 && !exhausted && !signal.aborted) {
        claiming ??= refill().finally(() => {
          claiming = null;
        });
        await claiming;
      }
      if (queue.length > 0 || signal.aborted || busy === 0) return queue.shift();
      const wait = emptyClaimAt + IDLE_LANE_CLAIM_MS - Date.now();
      if (wait <= 0) exhausted = false;
      else {
        idling ??= sleep(wait, undefined, { signal })
          .catch(() => undefined)
          .finally(() => {
            idling = null;
          });
        await idling;
      }
    }
  };
  const lane = async () => {
    for (;;) {
      if (signal.aborted) return;
      const appliance = await next();
      if (!appliance) return;
      busy += 1;
      try {
        countPoll(db, await pollAppliance({ appliance, sessions, settings, writer, log: context.log, signal }));
        polled += 1;
      } catch (error) {
        context.log.error({ err: error, appliance: appliance.name }, "poll failed unexpectedly");
        await releaseLeases(db, workerId, [appliance.id]);
      } finally {
        busy -= 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    await writer.flush();
    if (queue.length > 0) await releaseLeases(db, workerId, queue.splice(0).map((appliance) => appliance.id));
  }
  return polled;
}

export function createPollSweepJob(sessions: SessionCache): WorkerJob {
  return {
    name: "poll-sweep",
    everyMs: 1_000,
    async run(context) {
      await sweepDueAppliances(context, sessions);
    },
  };
}
