import http from "node:http";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import type { Database } from "@/lib/db";
import { decodeComponent, splitTarget } from "@/lib/http/request-text";
import { matchRoute } from "@/lib/http/route-table";
import { createEdge } from "@/lib/runtime/edge";

// The production server's request path without Next.js's router: the edge
// (refusals, 503 while the database is away, the collector listener), then the
// app's own route handler for the path, called the way Next.js calls it (a Web
// Request, decoded params). Requests go over a real socket, byte for byte.

export type RouteHandler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const modules = new Map<string, Promise<Record<string, unknown>>>();

/** The route handler module for a route table path such as /api/v1/appliances/[id]. */
export function routeModule(routePath: string): Promise<Record<string, unknown>> {
  let loaded = modules.get(routePath);
  if (!loaded) {
    loaded = import(path.resolve(`app${routePath}`, "route.ts")) as Promise<Record<string, unknown>>;
    modules.set(routePath, loaded);
  }
  return loaded;
}

async function toRequest(request: http.IncomingMessage, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    for (const item of [value ?? []].flat()) headers.append(name, item);
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(`http://${request.headers.host ?? "lifeline.test"}${request.url}`, {
    method: request.method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
    signal,
  });
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface EdgeServer {
  port: number;
  /** Sends a request exactly as written (request line, headers, body) and reads the answer. */
  raw(method: string, target: string, options?: { headers?: Record<string, string>; body?: string | Buffer }): Promise<RawAnswer>;
  close(): Promise<void>;
}

export async function startEdgeServer(db: Database): Promise<EdgeServer> {
  const edge = createEdge(db);
  const server = http.createServer((request, response) => {
    if (edge(request, response)) return;
    void (async () => {
      const { path: rawPath } = splitTarget(request.url ?? "/");
      const match = matchRoute(rawPath.split("/").map((segment) => decodeComponent(segment) ?? segment));
      // next-auth's handler needs Next.js's request context; the edge's part of its requests is what runs here.
      if (match?.route.path.startsWith("/api/auth/")) {
        request.resume();
        response.writeHead(404).end();
        return;
      }
      const handler = match ? ((await routeModule(match.route.path))[request.method === "HEAD" ? "GET" : (request.method ?? "GET")] as RouteHandler | undefined) : undefined;
      if (!match || !handler) {
        request.resume();
        response.writeHead(404).end();
        return;
      }
      // As in Next.js, the request's signal aborts when the client goes away (an event stream stops then).
      const gone = new AbortController();
      response.on("close", () => gone.abort());
      const answer = await handler(await toRequest(request, gone.signal), { params: Promise.resolve(match.params) });
      response.writeHead(answer.status, Object.fromEntries(answer.headers));
      // Streamed, as an event stream never ends; a HEAD answer is its head alone.
      if (answer.body && request.method !== "HEAD") Readable.fromWeb(answer.body as NodeReadableStream).pipe(response);
      else {
        await answer.body?.cancel();
        response.end();
      }
    })().catch(() => {
      if (!response.headersSent) response.writeHead(599);
      response.end();
    });
  });
  // As scripts/server.mjs does: CONNECT gets a response of its own, for the edge to refuse.
  server.on("connect", (request: http.IncomingMessage, socket: net.Socket) => {
    const response = new http.ServerResponse(request);
    response.shouldKeepAlive = false;
    response.assignSocket(socket);
    response.on("finish", () => socket.end());
    if (!edge(request, response)) response.writeHead(405).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    raw: (method, target, options = {}) =>
      new Promise((resolve, reject) => {
        const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(options.body);
        const head = [`${method} ${target} HTTP/1.1`, `host: 127.0.0.1:${port}`, "connection: close", `content-length: ${body.length}`];
        for (const [name, value] of Object.entries(options.headers ?? {})) head.push(`${name}: ${value}`);
        const socket = net.connect(port, "127.0.0.1");
        const chunks: Buffer[] = [];
        socket.on("data", (chunk) => {
          chunks.push(chunk);
          // An event stream never ends by itself: its head is the answer.
          if (/^content-type: text\/event-stream/im.test(Buffer.concat(chunks).toString("latin1"))) socket.end();
        });
        socket.on("error", reject);
        // An answer that never comes is a failure to report, not a test that hangs.
        socket.setTimeout(15_000, () => {
          socket.destroy();
          resolve({ status: 0, headers: {}, body: `no answer within 15 s (${Buffer.concat(chunks).length} bytes read)` });
        });
        socket.on("end", () => {
          const all = Buffer.concat(chunks);
          const split = all.indexOf("\r\n\r\n");
          const [statusLine, ...headerLines] = all.subarray(0, split).toString("latin1").split("\r\n");
          const headers = Object.fromEntries(headerLines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
          let payload = all.subarray(split + 4);
          if (headers["transfer-encoding"] === "chunked") {
            const parts: Buffer[] = [];
            for (let at = 0; ; ) {
              const lineEnd = payload.indexOf("\r\n", at);
              const size = parseInt(payload.subarray(at, lineEnd).toString("latin1"), 16);
              if (!size) break;
              parts.push(payload.subarray(lineEnd + 2, lineEnd + 2 + size));
              at = lineEnd + 2 + size + 2;
            }
            payload = Buffer.concat(parts);
          }
          resolve({ status: Number(statusLine.split(" ")[1]), headers, body: payload.toString("utf8") });
        });
        socket.write(Buffer.concat([Buffer.from(`${head.join("\r\n")}\r\n\r\n`, "latin1"), body]));
      }),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
