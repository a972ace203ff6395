import { apiRoute, readJsonBody } from "@/lib/http/api-route";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ db, actor }) => ({ items: await listApiTokens(db, actor) }));

/** The token is in this answer only; Lifeline keeps its hash. */
export const POST = apiRoute(async ({ db, actor, request }) => {
  const { token, record } = await createApiToken(db, actor, await readJsonBody(request, 64 * 1024));
  return Response.json({ ...record, token }, { status: 201, headers: { location: `/api/v1/tokens/${record.id}` } });
});
