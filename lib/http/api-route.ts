import crypto from "node:crypto";
import { requestActor } from "@/lib/auth/current-actor";
import type { Actor } from "@/lib/auth/roles";
import { getDb, type Database } from "@/lib/db";
import { AppError, RateLimitedError } from "@/lib/errors";
import { getLogger, type Logger } from "@/lib/log";
import { checkJsonHeaders, parseJsonText, tooLargeError } from "./json-body";

export interface ApiContext<P> {
  request: Request;
  db: Database;
  actor: Actor | null;
  params: P;
  log: Logger;
  requestId: string;
}

type RouteContext<P> = { params: Promise<P> };

const requestIdPattern = /^[\w.-]{1,100}$/;

export function errorResponse(error: AppError, requestId: string): Response {
  const headers: Record<string, string> = { "x-request-id": requestId };
  if (error instanceof RateLimitedError) headers["retry-after"] = String(error.retryAfterSeconds);
  return Response.json(
    { error: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } },
    { status: error.status, headers },
  );
}

/**
 * Wraps a route handler: request id, the caller (token or session), typed
 * errors mapped to answers, anything else logged and answered generically.
 * Authorisation stays inside the verbs the handler calls.
 */
export function apiRoute<P = Record<string, never>>(
  handler: (context: ApiContext<P>) => Promise<Response | unknown>,
) {
  return async (request: Request, routeContext: RouteContext<P>): Promise<Response> => {
    const given = request.headers.get("x-request-id");
    const requestId = given && requestIdPattern.test(given) ? given : crypto.randomUUID();
    const log = getLogger().child({ requestId, method: request.method, path: new URL(request.url).pathname });
    const started = performance.now();
    try {
      const db = await getDb();
      const actor = await requestActor(db, request);
      const params = (await routeContext?.params) ?? ({} as P);
      const result = await handler({ request, db, actor, params, log, requestId });
      const response = result instanceof Response ? result : Response.json(result);
      response.headers.set("x-request-id", requestId);
      log.debug({ status: response.status, ms: Math.round(performance.now() - started) }, "request");
      return response;
    } catch (error) {
      if (error instanceof AppError) {
        log.info({ status: error.status, code: error.code, ms: Math.round(performance.now() - started) }, error.message);
        return errorResponse(error, requestId);
      }
      log.error({ err: error }, "request failed");
      return Response.json(
        { error: { code: "internal", message: `Something went wrong; the log has request id ${requestId}.` } },
        { status: 500, headers: { "x-request-id": requestId } },
      );
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
