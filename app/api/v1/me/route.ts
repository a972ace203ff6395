import { apiRoute } from "@/lib/http/api-route";
import { UnauthorizedError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Who the caller is: a quick check that a token or session works. */
export const GET = apiRoute(async ({ actor }) => {
  if (!actor) throw new UnauthorizedError();
  return { kind: actor.kind, name: actor.label, role: actor.role };
});
