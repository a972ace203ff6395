import { postTestTransmissionResult } from "@/lib/collector-transport/collector-handlers";
import { collectorRoute } from "@/lib/collector-transport/collector-route";

export const dynamic = "force-dynamic";

/** The outcome of a test transmission a collector was handed (collector token). */
export const POST = collectorRoute(postTestTransmissionResult);
