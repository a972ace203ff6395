import type { IncomingMessage, ServerResponse } from "node:http";
import { writeAnswer } from "@/lib/http/error-answer";
import { discardNodeBody, readNodeJsonBody } from "@/lib/http/json-body";
import { decodeComponent, splitTarget } from "@/lib/http/request-text";
import { postHeartbeats, postTestTransmissionResult } from "./collector-handlers";
import { answerCollectorRequest, type CollectorHandler } from "./collector-route";

// Collectors send thousands of heartbeats a second; Next.js's request pipeline
// (routing, rendering context, Web Request/Response) caps a route near 1,000
// requests/s on two cores. The production server hands these two routes to this
// listener instead: same handlers, same auth and errors, plain Node streams.

interface Route {
  pattern: RegExp;
  handler: CollectorHandler<never>;
  params(match: RegExpExecArray): Record<string, string>;
}

const routes: Route[] = [
  { pattern: /^\/api\/v1\/heartbeats\/?$/, handler: postHeartbeats as CollectorHandler<never>, params: () => ({}) },
  {
    pattern: /^\/api\/v1\/test-transmissions\/([^/]{1,100})\/result\/?$/,
    handler: postTestTransmissionResult as CollectorHandler<never>,
    // One that does not decode is refused (400, naming it) by answerCollectorRequest.
    params: (match) => ({ id: decodeComponent(match[1]) ?? match[1] }),
  },
];

/**
 * Serves the request when it is a collector's POST (true), or leaves it alone
 * for Next.js (false): other methods on these paths are the edge's to answer.
 */
export function serveCollectorRequest(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "POST" || !request.url?.startsWith("/api/v1/")) return false;
  const { path } = splitTarget(request.url);
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    void serve(route.handler, request.url, route.params(match), request, response);
    return true;
  }
  return false;
}

async function serve(
  handler: CollectorHandler<never>,
  target: string,
  params: Record<string, string>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  try {
    const answer = await answerCollectorRequest(handler, {
      target,
      params: params as never,
      header: (name) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value.join(", ") : (value ?? null);
      },
      readJson: (maxBytes) => readNodeJsonBody(request, maxBytes),
    });
    // A body refused before it was read must not be taken for the next request.
    discardNodeBody(request);
    writeAnswer(response, answer);
  } catch {
    response.destroy();
  }
}
