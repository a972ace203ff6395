import type { IncomingMessage } from "node:http";
import { AppError } from "@/lib/errors";
import { checkJsonText } from "./request-text";

// The rules for a JSON request body, the same whether the request came through
// Next.js (a Web Request) or through the collector listener (a Node request).

export function tooLargeError(maxBytes: number): AppError {
  return new AppError(`The body is larger than ${maxBytes} bytes.`, 413, "too_large");
}

/** Refuses, before reading a byte, a body that is not JSON or says it is too large. */
export function checkJsonHeaders(contentType: string | null | undefined, contentLength: string | null | undefined, maxBytes: number): void {
  if (!/^application\/json\b/i.test(contentType ?? "")) {
    throw new AppError("Send the body as JSON (Content-Type: application/json).", 415, "unsupported_media_type");
  }
  if (Number(contentLength ?? "0") > maxBytes) throw tooLargeError(maxBytes);
}

/** Parses a JSON body; one that is not JSON, or holds a NUL or a lone surrogate in any string, is a 400 naming where. */
export function parseJsonText(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError("The body is not valid JSON.", 400, "bad_json");
  }
  checkJsonText(text, parsed);
  return parsed;
}

/** What is read and thrown away of a refused body, so the client can read the answer, before the connection is cut. */
const DISCARD_LIMIT_BYTES = 8 * 1024 * 1024;
const discarding = new WeakSet<IncomingMessage>();

/**
 * Reads what is left of a request body and throws it away (up to a limit, then
 * the connection is cut): closing at once while the client still sends would
 * often make it miss the answer that says why its body was refused.
 */
export function discardNodeBody(request: IncomingMessage): void {
  if (request.complete || request.readableEnded || discarding.has(request)) return;
  discarding.add(request);
  let discarded = 0;
  request.on("data", (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > DISCARD_LIMIT_BYTES) request.socket.destroy();
  });
  request.resume();
}

/** Reads a Node request's JSON body with a size limit; a bad body is a 4xx that says why. */
export function readNodeJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  checkJsonHeaders(request.headers["content-type"], request.headers["content-length"], maxBytes);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      request.off("data", onData).off("end", onEnd);
      discardNodeBody(request);
      reject(tooLargeError(maxBytes));
    };
    const onEnd = () => {
      try {
        resolve(parseJsonText(chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks).toString("utf8")));
      } catch (error) {
        reject(error);
      }
    };
    // A client that goes away mid-body ends the wait too: its doing, not a server fault to log as one.
    const cutOff = () => {
      if (!request.complete) reject(new AppError("The request was cut off before its body arrived.", 400, "incomplete_body"));
    };
    request.on("data", onData).on("end", onEnd).on("error", cutOff).on("close", cutOff);
  });
}
