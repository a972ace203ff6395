import { captureAppliance } from "@/lib/appliances/capture-appliance";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

/** Reads the ZVM once and answers every exchange, credentials redacted (admin). */
export const POST = apiRoute<{ id: string }>(async ({ db, actor, params }) => {
  const capture = await captureAppliance(db, actor, params.id);
  return Response.json(capture, { headers: { "content-disposition": `attachment; filename="zvm-capture.json"` } });
});
