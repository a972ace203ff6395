import { apiRoute } from "@/lib/http/api-route";
import { listTestTransmissions } from "@/lib/test-transmissions/list-test-transmissions";
import { requestTestTransmission } from "@/lib/test-transmissions/request-test-transmission";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params }) => ({
  items: await listTestTransmissions(db, actor, params.id),
}));

/** 202 with the new request, or 200 with the one already open (requests never stack). */
export const POST = apiRoute<Params>(async ({ db, actor, params }) => {
  const { transmission, created } = await requestTestTransmission(db, actor, params.id);
  return Response.json(transmission, {
    status: created ? 202 : 200,
    headers: { location: `/api/v1/test-transmissions/${transmission.id}` },
  });
});
