import { apiRoute, readJsonBody } from "@/lib/http/api-route";
import { getSettingsFor } from "@/lib/settings/get-settings-for";
import { updateSettings } from "@/lib/settings/update-settings";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ db, actor }) => getSettingsFor(db, actor));

export const PATCH = apiRoute(async ({ db, actor, request }) => updateSettings(db, actor, await readJsonBody(request)));
