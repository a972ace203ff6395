import http from "node:http";
import type { AddressInfo } from "node:net";
import { serveCollectorRequest } from "@/lib/collector-transport/collector-listener";

// Lifeline's collector routes served over loopback HTTP as the production
// server serves them (scripts/server.mjs hands them to the collector listener),
// so the collector talks to the real handlers through a real socket.

export interface LifelineServer {
  url: string;
  /** Stops answering at once: open connections are cut, as when the process dies. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
}

export async function startLifelineServer(): Promise<LifelineServer> {
  const listen = () =>
    http.createServer((req, res) => {
      if (!serveCollectorRequest(req, res)) res.writeHead(404).end();
    });
  let server = listen();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async start() {
      server = listen();
      await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    },
  };
}
