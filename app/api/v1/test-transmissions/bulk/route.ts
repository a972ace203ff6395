import { apiRoute, readJsonBody } from "@/lib/http/api-route";
import { requestBulkTestTransmissions } from "@/lib/test-transmissions/request-bulk-test-transmissions";

export const dynamic = "force-dynamic";

/** Body: the appliance list's filters, e.g. {"status": "warning,critical"}. */
export const POST = apiRoute(async ({ db, actor, request }) => {
  const result = await requestBulkTestTransmissions(db, actor, await readJsonBody(request));
  return Response.json(result, { status: 202, headers: { location: `/api/v1/test-transmissions/bulk/${result.bulkId}` } });
});
