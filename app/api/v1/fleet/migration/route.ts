import { exportMigrationCsv, getMigrationReport } from "@/lib/fleet/get-migration-report";
import { csvResponse } from "@/lib/csv/csv-response";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

/** Appliances by 9.0 readiness and the billing endpoints to allow; ?format=csv lists every appliance. */
export const GET = apiRoute(async ({ db, actor, request }) => {
  if (new URL(request.url).searchParams.get("format") === "csv") {
    return csvResponse({ filename: "lifeline-9.0-migration.csv", csv: await exportMigrationCsv(db, actor) });
  }
  return getMigrationReport(db, actor);
});
