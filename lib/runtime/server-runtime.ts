import { getDb } from "@/lib/db";
import { EnvError, getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { flushMetricCounters } from "@/lib/metrics/metric-counters";
import { DataDirLockedError } from "@/lib/runtime/data-dir-lock";
import { createEdge } from "@/lib/runtime/edge";
import { publishFastRoute } from "@/lib/runtime/fast-routes";
import { defaultJobs } from "@/lib/worker/default-jobs";
import { publishInProcessWorker } from "@/lib/worker/in-process-worker";
import { startWorker, type RunningWorker } from "@/lib/worker/run-worker";

const startedKey = Symbol.for("lifeline.server-runtime");
type RuntimeCache = { [startedKey]?: Promise<void> };

function fail(message: string): never {
  console.error(`lifeline: ${message}`);
  process.exit(1);
}

/**
 * What the web server needs before its first request: valid settings, the
 * database open and migrated (taking the data-directory lock when embedded),
 * and the background worker when it runs in this process.
 */
export function startServerRuntime(): Promise<void> {
  const cache = globalThis as RuntimeCache;
  cache[startedKey] ??= boot();
  return cache[startedKey];
}

async function boot(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }
  const log = getLogger();
  let db;
  try {
    db = await getDb();
  } catch (error) {
    if (error instanceof DataDirLockedError) fail(error.message);
    log.fatal({ err: error }, "database could not be opened");
    fail(`the database could not be opened: ${(error as Error).message}`);
  }
  publishFastRoute(createEdge(db));
  let worker: RunningWorker | null = null;
  if (env.runWorkerInProcess) {
    const running = await startWorker({ db, log, jobs: defaultJobs() });
    worker = running;
    publishInProcessWorker(running);
    // It waits out database outages itself; what it cannot survive stops the process, for a supervisor to restart.
    void running.failed.then(async (error) => {
      log.fatal({ err: error }, "the worker stopped on a fault it cannot survive; exiting");
      await db.close().catch(() => undefined);
      process.exit(1);
    });
  }
  log.info(
    { database: db.kind, dataDir: env.embedded ? env.dataDir : undefined, worker: worker ? "in-process" : "off" },
    "lifeline ready",
  );
  const shutdown = async (signal: string) => {
    log.info({ signal }, "shutting down");
    await worker?.stop().catch(() => undefined);
    await flushMetricCounters(db).catch(() => undefined);
    await db.close().catch(() => undefined);
    process.exit(0);
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}
