import crypto from "node:crypto";
import type { Actor } from "@/lib/auth/roles";
import { getDb, type Database } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/http/api-route";
import { getLogger, type Logger } from "@/lib/log";
import { collectorActorOf } from "./collector-auth";
import { DetailedAppError } from "./detailed-app-error";

export interface CollectorRouteContext<P> {
  request: Request;
  db: Database;
  actor: Actor | null;
  params: P;
  log: Logger;
  requestId: string;
}

const requestIdPattern = /^[\w.-]{1,100}$/;

/**
 * apiRoute for the collector routes: the same error mapping, but the caller is
 * found through the cached bearer-token lookup (collector-auth.ts) instead of
 * a database read per request. Authorisation stays inside the verbs.
 */
export function collectorRoute<P = Record<string, never>>(
  handler: (context: CollectorRouteContext<P>) => Promise<Response | unknown>,
) {
  return async (request: Request, routeContext: { params: Promise<P> }): Promise<Response> => {
    const given = request.headers.get("x-request-id");
    const requestId = given && requestIdPattern.test(given) ? given : crypto.randomUUID();
    const log = getLogger();
    let actorLabel: string | undefined;
    try {
      const db = await getDb();
      const actor = await collectorActorOf(db, request);
      actorLabel = actor?.label;
      const params = (await routeContext?.params) ?? ({} as P);
      const result = await handler({ request, db, actor, params, log, requestId });
      const response = result instanceof Response ? result : Response.json(result);
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (error) {
      if (error instanceof AppError) {
        if (error.status >= 500) log.error({ requestId, err: error.cause ?? error }, error.message);
        // A collector reporting outside its scope is misconfigured or misused: worth a line.
        else if (error.status === 403) log.warn({ requestId, collector: actorLabel, code: error.code }, error.message);
        else log.debug({ requestId, status: error.status, code: error.code }, error.message);
        if (!(error instanceof DetailedAppError)) return errorResponse(error, requestId);
        const detail = { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
        return Response.json({ error: detail, ...error.details }, { status: error.status, headers: { "x-request-id": requestId } });
      }
      log.error({ requestId, err: error, path: new URL(request.url).pathname }, "request failed");
      return Response.json(
        { error: { code: "internal", message: `Something went wrong; the log has request id ${requestId}.` } },
        { status: 500, headers: { "x-request-id": requestId } },
      );
    }
  };
}
