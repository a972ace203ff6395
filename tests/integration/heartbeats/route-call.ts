import http from "node:http";
import type { AddressInfo } from "node:net";
import { serveCollectorRequest } from "@/lib/collector-transport/collector-listener";

// Calls a collector route the two ways the production server serves it: the
// route handler in-process, as Next.js would, or the collector listener over a
// real loopback socket; and reads the answer.

export type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** Sent as is instead of JSON.stringify(body). */
  raw?: string;
  type?: string | null;
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

function requestOf(url: string, options: CallOptions): Request {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const type = options.type === undefined ? "application/json" : options.type;
  if (type !== null) headers["content-type"] = type;
  const body = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  return new Request(url, { method: "POST", headers, body });
}

export async function callRoute(handler: Handler, options: CallOptions = {}): Promise<Answer> {
  const response = await handler(requestOf("http://lifeline.test/api/v1/x", options), { params: Promise.resolve(options.params ?? {}) });
  return answerOf(response);
}

export interface ListenerServer {
  /** POSTs to a path on the collector listener, e.g. /api/v1/heartbeats. */
  call(path: string, options?: CallOptions): Promise<Answer>;
  close(): Promise<void>;
}

/** The collector listener on a loopback port, as scripts/server.mjs runs it (anything else: 404). */
export async function startListener(): Promise<ListenerServer> {
  const server = http.createServer((req, res) => {
    if (!serveCollectorRequest(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    call: async (path, options = {}) => answerOf(await fetch(requestOf(`${base}${path}`, options))),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = { unparsable: text.slice(0, 200) };
  }
  return { status: response.status, json };
}
