import { requestActor } from "@/lib/auth/current-actor";
import type { Actor } from "@/lib/auth/roles";
import { refuseCrossSite } from "@/lib/auth/same-origin";
import { getDb, type Database } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getLogger, type Logger } from "@/lib/log";
import { answerForError, toResponse } from "./error-answer";
import { checkJsonHeaders, parseJsonText, tooLargeError } from "./json-body";
import { checkParams, checkTarget } from "./request-text";
import { requestIdOf } from "./request-id";

export interface ApiContext<P> {
  request: Request;
  db: Database;
  actor: Actor | null;
  params: P;
  log: Logger;
  requestId: string;
}

type RouteContext<P> = { params: Promise<P> };

/**
 * Wraps a route handler: request id; path, query and parameters that no field
 * may hold refused; cookie-authenticated mutations from other sites refused;
 * the caller (token or session); errors mapped to answers (error-answer.ts).
 * Authorisation stays inside the verbs the handler calls.
 */
export function apiRoute<P = Record<string, never>>(
  handler: (context: ApiContext<P>) => Promise<Response | unknown>,
) {
  return async (request: Request, routeContext: RouteContext<P>): Promise<Response> => {
    const requestId = requestIdOf(request.headers.get("x-request-id"));
    const url = new URL(request.url);
    const log = getLogger().child({ requestId, method: request.method, path: url.pathname.slice(0, 200) });
    const started = performance.now();
    let db: Database | null = null;
    try {
      checkTarget(url.pathname + url.search);
      const params = (await routeContext?.params) ?? ({} as P);
      checkParams(params as Record<string, string>);
      refuseCrossSite(request.method, request.headers, getEnv().NEXTAUTH_URL);
      db = await getDb();
      const actor = await requestActor(db, request);
      const result = await handler({ request, db, actor, params, log, requestId });
      const response = result instanceof Response ? result : Response.json(result);
      response.headers.set("x-request-id", requestId);
      log.debug({ status: response.status, ms: Math.round(performance.now() - started) }, "request");
      return response;
    } catch (error) {
      return toResponse(await answerForError(error, { db, log, requestId }));
    }
  };
}

/** Reads a JSON body with a size limit; a bad body is a 4xx that says why. */
export async function readJsonBody(request: Request, maxBytes = 256 * 1024): Promise<unknown> {
  checkJsonHeaders(request.headers.get("content-type"), request.headers.get("content-length"), maxBytes);
  return parseJsonText(await readLimited(request, maxBytes));
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
