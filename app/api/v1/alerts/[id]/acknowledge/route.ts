import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>(async ({ db, actor, params }) => acknowledgeAlert(db, actor, params.id));
