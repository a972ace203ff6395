import { requestPoll } from "@/lib/appliances/request-poll";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>(async ({ db, actor, params }) => {
  const appliance = await requestPoll(db, actor, params.id);
  return Response.json({ id: appliance.id, status: "due" }, { status: 202 });
});
