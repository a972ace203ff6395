import crypto from "node:crypto";

// The one request-id rule, for the Next.js routes, the collector listener and
// the edge: the caller's x-request-id when it is a sane one, else a new one.
// Every answer carries it back, and every log line of the request names it.

const requestIdPattern = /^[\w.-]{1,100}$/;

export function requestIdOf(given: string | null | undefined): string {
  return given && requestIdPattern.test(given) ? given : crypto.randomUUID();
}
