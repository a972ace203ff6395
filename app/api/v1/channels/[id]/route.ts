import { deleteChannel } from "@/lib/channels/delete-channel";
import { getChannel } from "@/lib/channels/list-channels";
import { updateChannel } from "@/lib/channels/update-channel";
import { apiRoute, readJsonBody } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ db, actor, params }) => getChannel(db, actor, params.id));

export const PATCH = apiRoute<Params>(async ({ db, actor, params, request }) =>
  updateChannel(db, actor, params.id, await readJsonBody(request, 64 * 1024)),
);

export const DELETE = apiRoute<Params>(async ({ db, actor, params }) => {
  await deleteChannel(db, actor, params.id);
  return new Response(null, { status: 204 });
});
