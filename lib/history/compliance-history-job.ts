import type { WorkerJob } from "@/lib/worker/worker-jobs";
import { HistoryMemory, recordComplianceHistory } from "./record-compliance-history";

export const COMPLIANCE_HISTORY_EVERY_MS = 60_000;

/**
 * The worker job that keeps the compliance history: every minute it samples the
 * stored views, so failure episodes, each appliance's day and the daily roll-ups
 * outlive restarts and the pruning of raw polls.
 */
export function createComplianceHistoryJob(everyMs = COMPLIANCE_HISTORY_EVERY_MS): WorkerJob {
  const memory = new HistoryMemory();
  return {
    name: "compliance-history",
    everyMs,
    async run({ db, now, log }) {
      const result = await recordComplianceHistory(db, now(), memory);
      if (result.opened > 0 || result.closed > 0) log.info(result, "compliance history: failure episodes changed");
    },
  };
}
