import { csvResponse } from "@/lib/csv/csv-response";
import { exportComplianceCsv } from "@/lib/history/export-compliance-csv";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

/** ?table=tenants|regions|months|daily&days=30|90|365: one compliance table as CSV. */
export const GET = apiRoute(async ({ db, actor, request }) =>
  csvResponse(await exportComplianceCsv(db, actor, Object.fromEntries(new URL(request.url).searchParams))),
);
