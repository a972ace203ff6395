import { apiRoute } from "@/lib/http/api-route";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";

export const dynamic = "force-dynamic";

/** Revokes the token (by id or name); it stops working at once. */
export const DELETE = apiRoute<{ id: string }>(async ({ db, actor, params }) => revokeApiToken(db, actor, params.id));
