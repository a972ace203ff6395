import { createChannel } from "@/lib/channels/create-channel";
import { listChannels } from "@/lib/channels/list-channels";
import { apiRoute, readJsonBody } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ db, actor }) => ({ items: await listChannels(db, actor) }));

export const POST = apiRoute(async ({ db, actor, request }) => {
  const { channel, signingSecret, openAlertsQueued } = await createChannel(db, actor, await readJsonBody(request, 64 * 1024));
  return Response.json(
    { ...channel, ...(signingSecret ? { signingSecret } : {}), openAlertsQueued },
    { status: 201, headers: { location: `/api/v1/channels/${channel.id}` } },
  );
});
