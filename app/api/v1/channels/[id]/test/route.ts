import { testChannel } from "@/lib/channels/test-channel";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

/** "Send test": 200 with { ok, detail } whether or not the receiver took it. */
export const POST = apiRoute<{ id: string }>(async ({ db, actor, params }) => testChannel(db, actor, params.id));
