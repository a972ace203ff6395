import { watchFleetChanges } from "@/lib/fleet/watch-fleet-changes";
import { apiRoute } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

const PING_MS = 20_000;

/**
 * Server-sent events: `fleet` with the fleet digest now and on every change
 * (see readFleetDigest), and a comment every 20 s so proxies keep the stream.
 */
export const GET = apiRoute(async ({ db, actor, request }) => {
  const subscribe = watchFleetChanges(db, actor);
  const encoder = new TextEncoder();
  let stop = () => undefined as void;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const unwatch = subscribe((digest) => send(`event: fleet\ndata: ${JSON.stringify({ digest, at: new Date().toISOString() })}\n\n`));
      const ping = setInterval(() => send(": ping\n\n"), PING_MS);
      stop = () => {
        clearInterval(ping);
        unwatch();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      request.signal.addEventListener("abort", () => stop());
      send("retry: 5000\n\n");
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform keeps compression from buffering the stream.
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
