import path from "node:path";

/**
 * How the production server is run: by `npm start` (scripts/start.ts) and, so
 * that its figures are the product's, by the ingest benchmark.
 * A larger young generation (32 MiB semi-spaces) halves the garbage collections
 * that heartbeat bursts cause (about 5% more heartbeats/s in bench/ingest.ts).
 * The old generation is capped at 256 MiB: with 10,000 appliances polled and the
 * pages in use, the live heap is about 93 MiB (bench/soak.ts heap snapshot), but
 * uncapped V8 let the heap grow to 365 MiB of mostly garbage before collecting.
 */
export function productionServerArgs(port: number, hostname: string, nodeFlags: readonly string[] = []): string[] {
  return [
    "--max-semi-space-size=16",
    "--max-old-space-size=256",
    ...nodeFlags,
    path.join("scripts", "server.mjs"),
    "--port",
    String(port),
    "--hostname",
    hostname,
  ];
}
