import { listAlerts } from "@/lib/alerts/list-alerts";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ db, actor, request }) => listAlerts(db, actor, Object.fromEntries(new URL(request.url).searchParams)));
