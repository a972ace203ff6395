// `npm run worker`: the background worker as its own process (PostgreSQL).
// Any number may run: they share the work through leases in the database.
import { getDb } from "../lib/db";
import { EnvError, getEnv } from "../lib/env";
import { getLogger } from "../lib/log";
import { flushMetricCounters } from "../lib/metrics/metric-counters";
import { DataDirLockedError } from "../lib/runtime/data-dir-lock";
import { defaultJobs } from "../lib/worker/default-jobs";
import { startWorker } from "../lib/worker/run-worker";

/**
 * Resolves on the first SIGINT/SIGTERM. Listening starts before anything else, so a
 * signal that arrives while the worker is still starting (after its first heartbeat is
 * visible, say) stops it cleanly once started instead of killing it mid-way.
 */
const stopRequested = new Promise<void>((resolve) => {
  process.once("SIGINT", () => resolve());
  process.once("SIGTERM", () => resolve());
});

async function main() {
  try {
    getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`lifeline worker: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const log = getLogger().child({ process: "worker" });
  let db;
  try {
    db = await getDb();
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(
        `lifeline worker: ${error.message} With the embedded database the worker runs inside \`npm start\`.`,
      );
      process.exit(1);
    }
    throw error;
  }
  const worker = await startWorker({ db, log, jobs: defaultJobs() });
  await stopRequested;
  await worker.stop();
  await flushMetricCounters(db);
  await db.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`lifeline worker: ${(error as Error).message}`);
  process.exit(1);
});
