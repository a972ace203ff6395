import type { Actor } from "@/lib/auth/roles";
import { getDb, type Database } from "@/lib/db";
import { readJsonBody } from "@/lib/http/api-route";
import { requestIdOf } from "@/lib/http/request-id";
import { answerForError } from "@/lib/http/error-answer";
import { checkParams, checkTarget, splitTarget } from "@/lib/http/request-text";
import { getLogger, type Logger } from "@/lib/log";
import { collectorActorOf } from "./collector-auth";

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
  /** The request target as sent: path and query, still %-encoded. */
  target: string;
  params: P;
  header(name: string): string | null;
  readJson(maxBytes: number): Promise<unknown>;
}

export interface CollectorAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * The collector routes' request handling, for both transports: the caller is
 * found through the cached bearer-token lookup (collector-auth.ts) instead of a
 * database read per request; errors become answers through the same mapping
 * as every other route (error-answer.ts), per-item details included.
 * Authorisation stays inside the verbs.
 */
export async function answerCollectorRequest<P>(handler: CollectorHandler<P>, request: CollectorRequest<P>): Promise<CollectorAnswer> {
  const requestId = requestIdOf(request.header("x-request-id"));
  const log = getLogger();
  let db: Database | null = null;
  let actor: Actor | null = null;
  try {
    checkTarget(request.target);
    checkParams(request.params as Record<string, string>);
    db = await getDb();
    actor = await collectorActorOf(db, request.header("authorization"));
    const body = await handler({ db, actor, params: request.params, log, requestId, header: request.header, readJson: request.readJson });
    return { status: 200, headers: { "x-request-id": requestId }, body };
  } catch (error) {
    const context = log.child({ requestId, path: splitTarget(request.target).path.slice(0, 200), collector: actor?.label });
    return answerForError(error, { db, log: context, requestId });
  }
}

/** A collector route as a Next.js route handler (the collector listener serves the same handler faster). */
export function collectorRoute<P = Record<string, never>>(handler: CollectorHandler<P>) {
  return async (request: Request, routeContext: { params: Promise<P> }): Promise<Response> => {
    const url = new URL(request.url);
    const answer = await answerCollectorRequest(handler, {
      target: url.pathname + url.search,
      params: (await routeContext?.params) ?? ({} as P),
      header: (name) => request.headers.get(name),
      readJson: (maxBytes) => readJsonBody(request, maxBytes),
    });
    return Response.json(answer.body, { status: answer.status, headers: answer.headers });
  };
}
