import { requestBillingDayTests } from "@/lib/fleet/request-billing-day-tests";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

/** A test transmission for every appliance at risk for the billing day (operator). */
export const POST = apiRoute(async ({ db, actor }) => {
  const result = await requestBillingDayTests(db, actor);
  return Response.json(result, { status: 202, headers: { location: `/api/v1/test-transmissions/bulk/${result.bulkId}` } });
});
