import { readJsonBody } from "@/lib/http/api-route";
import { collectorRoute } from "@/lib/heartbeats/collector-route";
import { MAX_BODY_BYTES } from "@/lib/heartbeats/heartbeat-schema";
import { ingestHeartbeats } from "@/lib/heartbeats/ingest-heartbeats";

export const dynamic = "force-dynamic";

/** A collector's heartbeats: one, or {heartbeats: [...]} with up to 500. */
export const POST = collectorRoute(async ({ db, actor, request }) =>
  ingestHeartbeats(db, actor, await readJsonBody(request, MAX_BODY_BYTES), {
    knownPatternsVersion: request.headers.get("x-lifeline-alert-patterns"),
  }),
);
