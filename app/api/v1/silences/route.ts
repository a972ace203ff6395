import { createSilence } from "@/lib/alerts/create-silence";
import { listSilences } from "@/lib/alerts/list-silences";
import { apiRoute, readJsonBody } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ db, actor, request }) => ({
  items: await listSilences(db, actor, Object.fromEntries(new URL(request.url).searchParams)),
}));

export const POST = apiRoute(async ({ db, actor, request }) => {
  const silence = await createSilence(db, actor, await readJsonBody(request, 16 * 1024));
  return Response.json(silence, { status: 201, headers: { location: `/api/v1/silences/${silence.id}` } });
});
