import { exportBillingDayCsv } from "@/lib/fleet/export-billing-day-csv";
import { getBillingDayReadiness } from "@/lib/fleet/get-billing-day-readiness";
import { csvResponse } from "@/lib/csv/csv-response";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

/** Appliances with no proof of success in the last 24 h before the billing day; ?format=csv lists them all. */
export const GET = apiRoute(async ({ db, actor, request }) => {
  if (new URL(request.url).searchParams.get("format") === "csv") return csvResponse(await exportBillingDayCsv(db, actor));
  return getBillingDayReadiness(db, actor);
});
