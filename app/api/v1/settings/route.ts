import { apiRoute, readJsonBody } from "@/lib/http/api-route";
import { readSettings } from "@/lib/settings/get-settings";
import { updateSettings } from "@/lib/settings/update-settings";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ db, actor }) => readSettings(db, actor));

export const PATCH = apiRoute(async ({ db, actor, request }) => updateSettings(db, actor, await readJsonBody(request)));
