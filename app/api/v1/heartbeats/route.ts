import { postHeartbeats } from "@/lib/collector-transport/collector-handlers";
import { collectorRoute } from "@/lib/collector-transport/collector-route";

export const dynamic = "force-dynamic";

/** A collector's heartbeats: one, or {heartbeats: [...]} with up to 500. */
export const POST = collectorRoute(postHeartbeats);
