import { apiRoute } from "@/lib/http/api-route";
import { getBulkProgress } from "@/lib/test-transmissions/get-bulk-progress";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ bulkId: string }>(async ({ db, actor, params }) => getBulkProgress(db, actor, params.bulkId));
