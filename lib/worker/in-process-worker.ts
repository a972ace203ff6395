import type { RunningWorker, WorkerStatus } from "./run-worker";

// The web process's own worker, for /readyz. The server runtime (started from
// instrumentation) and the route bundles are separate module copies: they meet
// on globalThis, as the database handle does (lib/db/index.ts).
const workerKey = Symbol.for("lifeline.in-process-worker");
type WorkerCache = { [workerKey]?: RunningWorker };

export function publishInProcessWorker(worker: RunningWorker | null): void {
  const cache = globalThis as WorkerCache;
  if (worker) cache[workerKey] = worker;
  else delete cache[workerKey];
}

/** The state of the worker running in this process, or null when none runs here. */
export function inProcessWorkerStatus(): WorkerStatus | null {
  return (globalThis as WorkerCache)[workerKey]?.status() ?? null;
}
