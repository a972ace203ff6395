import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { UnavailableError } from "@/lib/errors";
import { inProcessWorkerStatus } from "@/lib/worker/in-process-worker";
import { checkReadiness } from "./readiness";

/**
 * GET /readyz, open to anyone (load balancers ask it): 200 when the database is
 * reachable, migrations are applied and a worker is alive (and this process's
 * own worker, when it runs one, is not waiting for the database); 503 otherwise.
 */
export async function readinessResponse(): Promise<Response> {
  const env = getEnv();
  const retryAfter = new UnavailableError().headers();
  let db;
  try {
    db = await getDb();
  } catch (error) {
    const reason = (error as Error).message.split("\n")[0].slice(0, 200);
    return Response.json({ status: "not-ready", embedded: env.embedded, ready: false, database: { reachable: false, error: reason } }, { status: 503, headers: retryAfter });
  }
  // With PostgreSQL and LIFELINE_WORKER=off, workers run as their own processes: still expect one.
  const readiness = await checkReadiness(db, true);
  const worker = inProcessWorkerStatus();
  const ready = readiness.ready && (worker === null || worker.state === "running");
  return Response.json(
    { status: ready ? "ready" : "not-ready", embedded: env.embedded, ...readiness, ready, ...(worker ? { inProcessWorker: worker } : {}) },
    { status: ready ? 200 : 503, headers: readiness.database.reachable ? {} : retryAfter },
  );
}
