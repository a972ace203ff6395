import { writtenApplianceView } from "@/lib/appliances/written-appliance-view";
import { listAppliances } from "@/lib/appliances/list-appliances";
import { addAppliance } from "@/lib/appliances/add-appliance";
import { apiRoute, readJsonBody } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ db, actor, request }) =>
  listAppliances(db, actor, Object.fromEntries(new URL(request.url).searchParams)),
);

export const POST = apiRoute(async ({ db, actor, request }) => {
  const { appliance, check } = await addAppliance(db, actor, await readJsonBody(request));
  return Response.json({ ...(await writtenApplianceView(db, actor, appliance)), check }, { status: 201, headers: { location: `/api/v1/appliances/${appliance.id}` } });
});
