import http from "node:http";
import type { AddressInfo } from "node:net";
import * as heartbeatsRoute from "@/app/api/v1/heartbeats/route";
import * as resultRoute from "@/app/api/v1/test-transmissions/[id]/result/route";

// Lifeline's collector routes served over loopback HTTP, as `next start` serves
// them, so the collector talks to the real handlers through a real socket.

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const routes: [RegExp, Handler][] = [
  [/^\/api\/v1\/heartbeats$/, heartbeatsRoute.POST as unknown as Handler],
  [/^\/api\/v1\/test-transmissions\/([^/]+)\/result$/, resultRoute.POST as unknown as Handler],
];

export interface LifelineServer {
  url: string;
  /** Stops answering at once: open connections are cut, as when the process dies. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export async function startLifelineServer(): Promise<LifelineServer> {
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const route = routes.find(([pattern]) => pattern.test(url.pathname));
    if (!route || req.method !== "POST") {
      res.writeHead(404).end();
      return;
    }
    const match = route[0].exec(url.pathname) as RegExpExecArray;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(url, { method: "POST", headers, body: Buffer.concat(chunks) });
    const response = await route[1](request, { params: Promise.resolve<Record<string, string>>(match[1] ? { id: decodeURIComponent(match[1]) } : {}) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  };
  let server = http.createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async start() {
      server = http.createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    },
  };
}
