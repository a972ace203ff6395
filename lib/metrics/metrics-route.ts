import type { IncomingMessage, ServerResponse } from "node:http";
import { once } from "node:events";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getLogger } from "@/lib/log";
import { authenticateToken } from "@/lib/tokens/authenticate-token";
import { CONTENT_TYPE } from "./render-metrics";
import { scrapeMetrics } from "./scrape-metrics";

// GET /metrics for both transports: the production server's plain Node listener
// (fast-routes: a scrape streams megabytes, and skips Next's pipeline) and a
// Next.js route handler (next dev). Errors answer in plain text, which
// Prometheus shows on its targets page.

export interface MetricsAnswer {
  status: number;
  headers: Record<string, string>;
  body: AsyncGenerator<string> | string;
}

const text = (status: number, message: string, headers: Record<string, string> = {}): MetricsAnswer => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers },
  body: `${message}\n`,
});

export async function answerMetricsRequest(authorization: string | null): Promise<MetricsAnswer> {
  if (getEnv().LIFELINE_METRICS === "off") return text(404, "Not found: /metrics is switched off (LIFELINE_METRICS=off).");
  try {
    const db = await getDb();
    const match = /^Bearer\s+(\S{1,200})$/i.exec(authorization ?? "");
    const actor = match ? await authenticateToken(db, match[1]) : null;
    const body = await scrapeMetrics(db, actor);
    return { status: 200, headers: { "content-type": CONTENT_TYPE, "cache-control": "no-store" }, body };
  } catch (error) {
    if (error instanceof AppError && error.status === 401) {
      return text(401, "Send a token with the metrics role: Authorization: Bearer <token>.", { "www-authenticate": 'Bearer realm="lifeline-metrics"' });
    }
    if (error instanceof AppError) return text(error.status, error.message);
    getLogger().error({ err: error }, "metrics scrape failed");
    return text(500, "The metrics could not be read; see Lifeline's log.");
  }
}

/** The production server's listener for GET /metrics (true), or not this request (false). */
export function serveMetricsRequest(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "GET" || !/^\/metrics\/?(\?|$)/.test(request.url ?? "")) return false;
  void (async () => {
    const header = request.headers.authorization;
    const answer = await answerMetricsRequest(typeof header === "string" ? header : null);
    response.writeHead(answer.status, answer.headers);
    if (typeof answer.body === "string") {
      response.end(answer.body);
      return;
    }
    for await (const chunk of answer.body) {
      if (response.destroyed) return;
      if (!response.write(chunk)) await once(response, "drain");
    }
    response.end();
  })().catch((error: unknown) => {
    getLogger().error({ err: error }, "metrics answer failed");
    response.destroy();
  });
  return true;
}

/** The same answer as a Web Response, for the Next.js route handler. */
export async function metricsResponse(request: Request): Promise<Response> {
  const answer = await answerMetricsRequest(request.headers.get("authorization"));
  if (typeof answer.body === "string") return new Response(answer.body, { status: answer.status, headers: answer.headers });
  const chunks = answer.body;
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(stream, { status: answer.status, headers: answer.headers });
}
