import { getAlert } from "@/lib/alerts/get-alert";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ db, actor, params }) => getAlert(db, actor, params.id));
