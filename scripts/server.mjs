// @ts-check
// The production web server (`npm start` runs it through scripts/start.ts):
// Next.js behind a plain Node HTTP server. Once the server runtime has started
// (instrumentation.ts), it publishes the collector routes under a global key
// (lib/runtime/fast-routes.ts) and those requests skip Next's pipeline.
// Plain JavaScript so that no TypeScript loader sits in the server process.
import http from "node:http";
import { parseArgs } from "node:util";
import next from "next";

const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" } } });
const port = Number(values.port);
const hostname = values.hostname ?? "0.0.0.0";
if (!Number.isInteger(port) || port < 1 || port > 65_535) {
  console.error("lifeline server: --port must be a port number");
  process.exit(2);
}

const fastRouteKey = Symbol.for("lifeline.fast-route");
/** @type {Record<symbol, ((request: http.IncomingMessage, response: http.ServerResponse) => boolean) | undefined>} */
const shared = /** @type {any} */ (globalThis);

const app = next({ dev: false, dir: process.cwd(), hostname, port });
const handle = app.getRequestHandler();

const server = http.createServer((request, response) => {
  const fastRoute = shared[fastRouteKey];
  if (fastRoute && fastRoute(request, response)) return;
  handle(request, response).catch((/** @type {unknown} */ error) => {
    console.error("lifeline server: request failed", error);
    if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
    response.end("Internal Server Error");
  });
});
// CONNECT has no request handler in Node (it opens a tunnel): give it to the edge
// on a response of its own, which refuses it (405 with Allow) instead of cutting the connection.
server.on("connect", (request, socket) => {
  const response = new http.ServerResponse(request);
  response.shouldKeepAlive = false;
  response.assignSocket(/** @type {import("node:net").Socket} */ (socket));
  response.on("finish", () => socket.end());
  const fastRoute = shared[fastRouteKey];
  if (!fastRoute || !fastRoute(request, response)) response.writeHead(405, { allow: "GET, HEAD, OPTIONS, POST" }).end();
});
server.on("error", (error) => {
  const code = /** @type {NodeJS.ErrnoException} */ (error).code;
  console.error(
    code === "EADDRINUSE"
      ? `lifeline: port ${port} is already in use on ${hostname}; stop what uses it or set PORT.`
      : `lifeline server: ${error.message}`,
  );
  process.exit(1);
});

await app.prepare();
// The server runtime (instrumentation) finishes starting after prepare() returns: open the
// port once it has published the edge, so no request reaches Next.js without it.
const readyBy = Date.now() + 120_000;
while (!shared[fastRouteKey] && Date.now() < readyBy) await new Promise((resolve) => setTimeout(resolve, 20));
if (!shared[fastRouteKey]) console.error("lifeline server: the server runtime did not start within 2 minutes; serving without its edge");
server.listen(port, hostname);
