import { endSilence } from "@/lib/alerts/end-silence";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

/** Ends the silence (or cancels a maintenance window not started yet); it stays in the history. */
export const DELETE = apiRoute<{ id: string }>(async ({ db, actor, params }) => endSilence(db, actor, params.id));
