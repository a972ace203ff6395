import { buildOpenApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-static";

/** The API contract; public so tools can read it before they hold a token. */
export function GET(): Response {
  return Response.json(buildOpenApiDocument());
}
