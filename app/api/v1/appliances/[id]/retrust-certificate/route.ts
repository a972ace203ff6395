import { writtenApplianceView } from "@/lib/appliances/written-appliance-view";
import { retrustCertificate } from "@/lib/appliances/retrust-certificate";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>(async ({ db, actor, params }) =>
  writtenApplianceView(db, actor, await retrustCertificate(db, actor, params.id)),
);
