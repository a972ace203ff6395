import type { IncomingMessage, ServerResponse } from "node:http";

/** Serves a request itself (true) or leaves it to Next.js (false). */
export type FastRoute = (request: IncomingMessage, response: ServerResponse) => boolean;

// scripts/server.mjs, the production server, looks the route up under this key
// for every request. It cannot import lib/ (Next.js bundles lib/ into the app),
// so the two meet on globalThis, as the database client does (lib/db/index.ts).
const fastRouteKey = Symbol.for("lifeline.fast-route");

/** Hands the production server the requests that skip Next.js (from the server runtime, once started). */
export function publishFastRoute(route: FastRoute): void {
  (globalThis as { [fastRouteKey]?: FastRoute })[fastRouteKey] = route;
}
