import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/roles";
import { getDb, type Database } from "@/lib/db";
import { AppError, RateLimitedError } from "@/lib/errors";
import { readJsonBody } from "@/lib/http/api-route";
import { getLogger, type Logger } from "@/lib/log";
import { collectorActorOf } from "./collector-auth";
import { DetailedAppError } from "./detailed-app-error";

/** What a collector route's handler gets, whichever server the request came through. */
export interface CollectorCall<P> {
  db: Database;
  actor: Actor | null;
  params: P;
  log: Logger;
  requestId: string;
  header(name: string): string | null;
  readJson(maxBytes: number): Promise<unknown>;
}

export type CollectorHandler<P> = (call: CollectorCall<P>) => Promise<unknown>;

/** A request as the two transports (Next.js, the collector listener) hand it over. */
export interface CollectorRequest<P> {
  path: string;
  params: P;
  header(name: string): string | null;
  readJson(maxBytes: number): Promise<unknown>;
}

export interface CollectorAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const requestIdPattern = /^[\w.-]{1,100}$/;

/**
 * The collector routes' request handling, for both transports: the caller is
 * found through the cached bearer-token lookup (collector-auth.ts) instead of a
 * database read per request; expected errors become answers that may carry
 * per-item details; anything else is logged and answered generically.
 * Authorisation stays inside the verbs.
 */
export async function answerCollectorRequest<P>(handler: CollectorHandler<P>, request: CollectorRequest<P>): Promise<CollectorAnswer> {
  const given = request.header("x-request-id");
  const requestId = given && requestIdPattern.test(given) ? given : crypto.randomUUID();
  const headers: Record<string, string> = { "x-request-id": requestId };
  const log = getLogger();
  let actorLabel: string | undefined;
  try {
    const db = await getDb();
    const actor = await collectorActorOf(db, request.header("authorization"));
    actorLabel = actor?.label;
    const body = await handler({ db, actor, params: request.params, log, requestId, header: request.header, readJson: request.readJson });
    return { status: 200, headers, body };
  } catch (error) {
    if (error instanceof AppError) {
      if (error.status >= 500) log.error({ requestId, err: error.cause ?? error }, error.message);
      // A collector reporting outside its scope is misconfigured or misused: worth a line.
      else if (error.status === 403) log.warn({ requestId, collector: actorLabel, code: error.code }, error.message);
      else log.debug({ requestId, status: error.status, code: error.code }, error.message);
      if (error instanceof RateLimitedError) headers["retry-after"] = String(error.retryAfterSeconds);
      const detail = { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
      const body = error instanceof DetailedAppError ? { error: detail, ...error.details } : { error: detail };
      return { status: error.status, headers, body };
    }
    log.error({ requestId, err: error, path: request.path }, "request failed");
    const message = `Something went wrong; the log has request id ${requestId}.`;
    return { status: 500, headers, body: { error: { code: "internal", message } } };
  }
}

/** A collector route as a Next.js route handler (the collector listener serves the same handler faster). */
export function collectorRoute<P = Record<string, never>>(handler: CollectorHandler<P>) {
  return async (request: Request, routeContext: { params: Promise<P> }): Promise<Response> => {
    const answer = await answerCollectorRequest(handler, {
      path: new URL(request.url).pathname,
      params: (await routeContext?.params) ?? ({} as P),
      header: (name) => request.headers.get(name),
      readJson: (maxBytes) => readJsonBody(request, maxBytes),
    });
    return Response.json(answer.body, { status: answer.status, headers: answer.headers });
  };
}
