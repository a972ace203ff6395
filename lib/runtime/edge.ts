import type { IncomingMessage, ServerResponse } from "node:http";
import type { Database } from "@/lib/db";
import { UnavailableError } from "@/lib/errors";
import { serveMetricsRequest } from "@/lib/metrics/metrics-route";
import { serveCollectorRequest } from "@/lib/collector-transport/collector-listener";
import { requestIdOf } from "@/lib/http/request-id";
import { checkAtEdge } from "@/lib/http/edge-check";
import { answerOf, writeAnswer } from "@/lib/http/error-answer";
import { discardNodeBody } from "@/lib/http/json-body";
import { splitTarget } from "@/lib/http/request-text";
import type { FastRoute } from "./fast-routes";

/** Answered while the database is down: they need no database, and say themselves what is wrong. */
const NEEDS_NO_DATABASE = /^\/(healthz|readyz|api\/v1\/openapi\.json|_next\/)/;

/**
 * The production server's first look at every request (scripts/server.mjs):
 * request lines no route can take are answered here (edge-check.ts); while the
 * database is unreachable every route answers 503 with Retry-After at once,
 * and a 5xx that Next.js renders meanwhile (a page whose query failed) goes
 * out as that 503 too; collector routes go to their listener; the rest to Next.
 */
export function createEdge(db: Database): FastRoute {
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    const requestId = () => requestIdOf([request.headers["x-request-id"]].flat()[0] ?? null);
    const verdict = checkAtEdge(request.method ?? "", request.url ?? "/");
    if (verdict.kind === "refuse") {
      discardNodeBody(request);
      writeAnswer(response, answerOf(verdict.error, requestId()));
      return true;
    }
    if (verdict.kind === "options") {
      discardNodeBody(request);
      response.writeHead(204, { allow: verdict.allow.join(", ") }).end();
      return true;
    }
    if (!db.watch.reachable && !NEEDS_NO_DATABASE.test(splitTarget(request.url ?? "/").path)) {
      void db.watch.check(); // the next request after a probe gets through is served again
      discardNodeBody(request);
      writeAnswer(response, answerOf(new UnavailableError(), requestId()));
      return true;
    }
    if (serveCollectorRequest(request, response) || serveMetricsRequest(request, response)) return true;
    answerOutagesAs503(response, db);
    return false;
  };
}

/** Turns a server error Next.js writes while the database is unreachable into the 503 every route answers then. */
function answerOutagesAs503(response: ServerResponse, db: Database): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (status >= 500 && status !== 503 && !db.watch.reachable) {
      const retryAfter = new UnavailableError().headers();
      for (const [name, value] of Object.entries(retryAfter)) this.setHeader(name, value);
      return (writeHead as (...args: unknown[]) => ServerResponse).call(this, 503, ...rest);
    }
    return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as ServerResponse["writeHead"];
}
