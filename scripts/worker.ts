// `npm run worker`: the background worker as its own process (PostgreSQL).
// Any number may run: they share the work through leases in the database.
// `--health-port N` serves GET /healthz and /readyz (503 while it waits for the
// database) for a supervisor or orchestrator to probe.
import http from "node:http";
import { parseArgs } from "node:util";
import { getDb, type Database } from "../lib/db";
import { databaseFaultOf } from "../lib/db/database-errors";
import { EnvError, getEnv } from "../lib/env";
import { getLogger } from "../lib/log";
import { flushMetricCounters } from "../lib/metrics/metric-counters";
import { DataDirLockedError } from "../lib/runtime/data-dir-lock";
import { defaultJobs } from "../lib/worker/default-jobs";
import { DATABASE_RETRY, startWorker, type RunningWorker } from "../lib/worker/run-worker";

/**
 * Resolves on the first SIGINT/SIGTERM. Listening starts before anything else, so a
 * signal that arrives while the worker is still starting (after its first heartbeat is
 * visible, say) stops it cleanly once started instead of killing it mid-way.
 */
let stopping = false;
const stopRequested = new Promise<void>((resolve) => {
  const stop = () => {
    stopping = true;
    resolve();
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
});

function fail(message: string): never {
  console.error(`lifeline worker: ${message}`);
  process.exit(1);
}

/** GET /healthz (the process is up) and /readyz (working: 200; starting or waiting for the database: 503). */
function serveHealth(port: number, hostname: string, worker: () => RunningWorker | null): http.Server {
  const server = http.createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    const status = worker()?.status() ?? { state: "starting" };
    const answer =
      path === "/healthz"
        ? { code: 200, body: { status: "ok" } }
        : path === "/readyz"
          ? { code: status.state === "running" ? 200 : 503, body: { status: status.state === "running" ? "ready" : "not-ready", worker: status } }
          : { code: 404, body: { error: { code: "not_found", message: "GET /healthz or /readyz" } } };
    if (request.method !== "GET" && request.method !== "HEAD" && answer.code !== 404) {
      response.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    response.writeHead(answer.code, { "content-type": "application/json" }).end(JSON.stringify(answer.body));
  });
  server.on("error", (error) => fail(`the health port ${port}: ${error.message}`));
  server.listen(port, hostname);
  server.unref();
  return server;
}

/** The database, waiting with backoff while it cannot be reached (a restart under way); null when told to stop meanwhile. */
async function openDatabaseWhenReachable(log: ReturnType<typeof getLogger>): Promise<Database | null> {
  let delay = DATABASE_RETRY.initialMs;
  let warned = false;
  for (;;) {
    try {
      return await getDb();
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        fail(`${error.message} With the embedded database the worker runs inside \`npm start\`.`);
      }
      if (databaseFaultOf(error) !== "unreachable") throw error;
      if (!warned) log.warn({ reason: (error as Error).message.split("\n")[0] }, "database unreachable at start; retrying with backoff");
      warned = true;
    }
    await Promise.race([new Promise((resolve) => setTimeout(resolve, delay)), stopRequested]);
    if (stopping) return null;
    delay = Math.min(delay * 2, DATABASE_RETRY.maxMs);
  }
}

async function main() {
  const { values } = parseArgs({ options: { "health-port": { type: "string" } } });
  try {
    getEnv();
  } catch (error) {
    if (error instanceof EnvError) fail(error.message);
    throw error;
  }
  const healthPort = values["health-port"] === undefined ? null : Number(values["health-port"]);
  if (healthPort !== null && (!Number.isInteger(healthPort) || healthPort < 1 || healthPort > 65_535)) fail("--health-port must be a port number");
  const log = getLogger().child({ process: "worker" });
  // A fault nothing here expected: say so and exit non-zero, for a supervisor to restart the worker.
  for (const event of ["uncaughtException", "unhandledRejection"] as const) {
    process.on(event, (error) => {
      log.fatal({ err: error }, `worker stopped: ${event}`);
      process.exit(1);
    });
  }
  let worker: RunningWorker | null = null;
  if (healthPort !== null) serveHealth(healthPort, getEnv().HOSTNAME, () => worker);
  // Nothing else holds the process open while it waits.
  const hold = setInterval(() => undefined, 60 * 60_000);
  const db = await openDatabaseWhenReachable(log);
  if (!db) process.exit(0);
  worker = await startWorker({ db, log, jobs: defaultJobs(), holdProcess: true });
  clearInterval(hold);
  const fault = await Promise.race([stopRequested.then(() => null), worker.failed]);
  await worker.stop();
  await flushMetricCounters(db);
  await db.close();
  if (fault) fail(`stopped on a fault it cannot survive: ${fault.message}`);
  process.exit(0);
}

main().catch((error: unknown) => fail((error as Error).message));
