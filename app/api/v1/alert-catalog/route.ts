import { listAlertCatalog } from "@/lib/alert-catalog/list-alert-catalog";
import { markAlertKind } from "@/lib/alert-catalog/mark-alert-kind";
import { apiRoute, readJsonBody } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ db, actor }) => listAlertCatalog(db, actor));

/** Marks a help identifier as a billing or disconnection alert (or neither): admin. */
export const PATCH = apiRoute(async ({ db, actor, request }) => ({ alertPatterns: await markAlertKind(db, actor, await readJsonBody(request)) }));
