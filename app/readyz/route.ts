import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { checkReadiness } from "@/lib/runtime/readiness";

export const dynamic = "force-dynamic";

/** 200 when the database is reachable, migrations are applied and a worker is alive; 503 otherwise. */
export async function GET(): Promise<Response> {
  const env = getEnv();
  // With PostgreSQL and LIFELINE_WORKER=off, workers run as their own processes: still expect one.
  const readiness = await checkReadiness(await getDb(), true);
  return Response.json({ status: readiness.ready ? "ready" : "not-ready", embedded: env.embedded, ...readiness }, {
    status: readiness.ready ? 200 : 503,
  });
}
