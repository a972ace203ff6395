import type { WorkerJob } from "@/lib/worker/worker-jobs";
import { deliverDueMessages } from "./deliver-messages";
import { dispatchDueEvents } from "./dispatch-events";
import { evaluateDueAppliances } from "./evaluate-alerts";

/**
 * The alerting pipeline: evaluate appliances with new evidence or a due deadline
 * (every 2 s, so a poll's finding counts within seconds), route, deliver.
 */
export function createAlertJobs(): WorkerJob[] {
  return [
    {
      name: "alerts-evaluate",
      everyMs: 2_000,
      run: async ({ db, log, now }) => {
        await evaluateDueAppliances(db, { now: now(), log });
      },
    },
    {
      name: "alerts-dispatch",
      everyMs: 1_000,
      run: async ({ db, now }) => {
        await dispatchDueEvents(db, now());
      },
    },
    {
      name: "alerts-deliver",
      everyMs: 1_000,
      run: async ({ db, log, workerId, signal, now }) => {
        await deliverDueMessages(db, { workerId, log, signal, now });
      },
    },
  ];
}
