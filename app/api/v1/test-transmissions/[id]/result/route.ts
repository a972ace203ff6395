import { readJsonBody } from "@/lib/http/api-route";
import { collectorRoute } from "@/lib/heartbeats/collector-route";
import { recordCollectorResult } from "@/lib/test-transmissions/record-collector-result";

export const dynamic = "force-dynamic";

/** The outcome of a test transmission a collector was handed (collector token). */
export const POST = collectorRoute<{ id: string }>(async ({ db, actor, params, request }) =>
  recordCollectorResult(db, actor, params.id, await readJsonBody(request, 16 * 1024)),
);
