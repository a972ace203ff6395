import type { Appliance } from "@/lib/generated/prisma/client";
import { countPoll } from "@/lib/metrics/metric-counters";
import { getSettings } from "@/lib/settings/internal/get-settings";
import type { JobContext, WorkerJob } from "@/lib/worker/worker-jobs";
import { claimDueAppliances, releaseLeases } from "./claim-due-appliances";
import { pollAppliance } from "./poll-appliance";
import { pollLeaseMs } from "./poll-lease";
import { PollWriter } from "./poll-writer";
import { SessionCache } from "./session-cache";

/**
 * Drains due appliances with `pollConcurrency` lanes. Each lane takes the next
 * claimed appliance; claims are made in small batches so leases stay short and
 * other workers get their share. A slow ZVM holds one lane, never the others.
 */
export async function sweepDueAppliances(context: JobContext, sessions: SessionCache): Promise<number> {
  const { db, workerId, signal } = context;
  const settings = await getSettings(db);
  const lanes = settings.pollConcurrency;
  const batchSize = Math.max(1, Math.min(lanes, 250));
  const queue: Appliance[] = [];
  let exhausted = false;
  let claiming: Promise<void> | null = null;
  let polled = 0;
  const writer = new PollWriter(db, workerId, { maxBatch: Math.max(1, Math.min(lanes, 100)), maxDelayMs: 50 });

  const refill = async () => {
    const ids = await claimDueAppliances(db, workerId, batchSize, pollLeaseMs(settings));
    if (ids.length === 0) exhausted = true;
    else queue.push(...(await db.prisma.appliance.findMany({ where: { id: { in: ids } } })));
  };
  const next = async (): Promise<Appliance | undefined> => {
    while (queue.length === 0 && !exhausted && !signal.aborted) {
      claiming ??= refill().finally(() => {
        claiming = null;
      });
      await claiming;
    }
    return queue.shift();
  };
  const lane = async () => {
    for (;;) {
      if (signal.aborted) return;
      const appliance = await next();
      if (!appliance) return;
      try {
        countPoll(db, await pollAppliance({ appliance, sessions, settings, writer, log: context.log, signal }));
        polled += 1;
      } catch (error) {
        context.log.error({ err: error, appliance: appliance.name }, "poll failed unexpectedly");
        await releaseLeases(db, workerId, [appliance.id]);
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
