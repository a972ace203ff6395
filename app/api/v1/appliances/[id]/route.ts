import { writtenApplianceView } from "@/lib/appliances/written-appliance-view";
import { getApplianceView } from "@/lib/appliances/get-appliance";
import { removeAppliance } from "@/lib/appliances/remove-appliance";
import { updateAppliance } from "@/lib/appliances/update-appliance";
import { apiRoute, readJsonBody } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params }) => getApplianceView(db, actor, params.id));

export const PATCH = apiRoute<Params>(async ({ db, actor, params, request }) =>
  writtenApplianceView(db, actor, await updateAppliance(db, actor, params.id, await readJsonBody(request))),
);

export const DELETE = apiRoute<Params>(async ({ db, actor, params }) => {
  await removeAppliance(db, actor, params.id);
  return new Response(null, { status: 204 });
});
