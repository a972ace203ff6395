import { getComplianceReport } from "@/lib/history/get-compliance-report";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

/** ?days=30|90|365: production compliance per day, tenant, region and billing month. */
export const GET = apiRoute(async ({ db, actor, request }) =>
  getComplianceReport(db, actor, Object.fromEntries(new URL(request.url).searchParams)),
);
