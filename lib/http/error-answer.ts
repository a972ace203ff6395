import type { ServerResponse } from "node:http";
import { z } from "zod";
import type { Database } from "@/lib/db";
import { databaseFaultOf } from "@/lib/db/database-errors";
import { AppError, BadRequestError, DetailedAppError, UnavailableError } from "@/lib/errors";
import type { Logger } from "@/lib/log";

// The one mapping from an error to an HTTP answer, for the Next.js route
// handlers, the collector routes (through either transport) and the
// production server's edge: expected errors answer as they say; a database
// that cannot be reached answers 503 with Retry-After; anything else is logged
// with its context and answered with a generic message.

/** Every error answer's body (some add details beside `error`); the OpenAPI document's shape comes from it. */
export const errorBodySchema = z
  .object({ error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }) })
  .loose();

export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: z.infer<typeof errorBodySchema>;
}

/** The answer for an error we expect. */
export function answerOf(error: AppError, requestId: string): ErrorAnswer {
  const detail = { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) };
  return {
    status: error.status,
    headers: { "x-request-id": requestId, ...error.headers() },
    body: error instanceof DetailedAppError ? { error: detail, ...error.details } : { error: detail },
  };
}

/**
 * What an unexpected error means: the database is down (by its codes, or
 * because a probe now fails), or a value held text the database cannot store;
 * null when it is a fault of ours.
 */
async function expectedErrorOf(error: unknown, db: Database | null): Promise<AppError | null> {
  const fault = databaseFaultOf(error);
  if (fault === "bad-text") return new BadRequestError("A value holds characters that cannot be stored (such as NUL).", "bad_text");
  if (fault === "unreachable") {
    db?.watch.noteFailure(error);
    return new UnavailableError();
  }
  if (db && !(await db.watch.check())) return new UnavailableError();
  return null;
}

export interface ErrorContext {
  /** The database the request used, when it got that far. */
  db: Database | null;
  log: Logger;
  requestId: string;
}

export async function answerForError(error: unknown, { db, log, requestId }: ErrorContext): Promise<ErrorAnswer> {
  const expected = error instanceof AppError ? error : await expectedErrorOf(error, db);
  if (!expected) {
    log.error({ err: error }, "request failed");
    const message = `Something went wrong; the log has request id ${requestId}.`;
    return { status: 500, headers: { "x-request-id": requestId }, body: { error: { code: "internal", message } } };
  }
  // An outage is logged once, by the database watch, not once per request.
  if (expected.status >= 500 && expected.status !== 503) log.error({ err: expected.cause ?? expected, code: expected.code }, expected.message);
  else if (expected.status === 403) log.warn({ status: expected.status, code: expected.code }, expected.message);
  else log.debug({ status: expected.status, code: expected.code }, expected.message);
  return answerOf(expected, requestId);
}

/** An answer as a Web Response (route handlers). */
export function toResponse(answer: ErrorAnswer): Response {
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
}

/** An answer on a Node response (the collector listener, the edge). */
export function writeAnswer(response: ServerResponse, answer: { status: number; headers: Record<string, string>; body: unknown }): void {
  const text = JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    ...answer.headers,
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(text)),
  });
  response.end(text);
}
