import { createAlertJobs } from "@/lib/alerts/alert-jobs";
import { heartbeatJobs } from "@/lib/heartbeats/heartbeat-jobs";
import { createComplianceHistoryJob } from "@/lib/history/compliance-history-job";
import { maintenanceJobs } from "@/lib/poller/maintenance-jobs";
import { createPollSweepJob } from "@/lib/poller/poll-sweep-job";
import { SessionCache } from "@/lib/poller/session-cache";
import { createTestTransmissionJobs } from "@/lib/test-transmissions/run-test-transmissions-job";
import type { WorkerJob } from "./worker-jobs";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Forgets workers that stopped beating a day ago, so /readyz lists only real ones. */
const pruneWorkerHeartbeats: WorkerJob = {
  name: "prune-worker-heartbeats",
  everyMs: 60 * 60 * 1000,
  async run({ db, now }) {
    await db.prisma.workerHeartbeat.deleteMany({ where: { beatAt: { lt: new Date(now().getTime() - DAY_MS) } } });
  },
};

/** Every job the background worker runs, in-process or as `npm run worker`; ZVM timeouts follow the settings. */
export function defaultJobs(sessions = new SessionCache()): WorkerJob[] {
  return [
    createPollSweepJob(sessions),
    ...createTestTransmissionJobs(sessions),
    ...maintenanceJobs,
    createComplianceHistoryJob(),
    pruneWorkerHeartbeats,
    ...createAlertJobs(),
    ...heartbeatJobs,
  ];
}
