import { apiRoute } from "@/lib/http/api-route";
import { getTestTransmission } from "@/lib/test-transmissions/get-test-transmission";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ db, actor, params }) => getTestTransmission(db, actor, params.id));
