import { postTestTransmissionResult } from "@/lib/heartbeats/collector-handlers";
import { collectorRoute } from "@/lib/heartbeats/collector-route";

export const dynamic = "force-dynamic";

/** The outcome of a test transmission a collector was handed (collector token). */
export const POST = collectorRoute(postTestTransmissionResult);
