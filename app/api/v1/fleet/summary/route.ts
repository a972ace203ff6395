import { getFleetSummary } from "@/lib/appliances/fleet-summary";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ db, actor }) => getFleetSummary(db, actor));
