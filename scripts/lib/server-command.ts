import path from "node:path";

/**
 * How the production server is run: by `npm start` (scripts/start.ts) and, so
 * that its figures are the product's, by the ingest benchmark.
 * A larger young generation (32 MiB semi-spaces) halves the garbage collections
 * that heartbeat bursts cause (about 5% more heartbeats/s in bench/ingest.ts).
 */
export function productionServerArgs(port: number, hostname: string, nodeFlags: readonly string[] = []): string[] {
  return [
    "--max-semi-space-size=32",
    ...nodeFlags,
    path.join("scripts", "server.mjs"),
    "--port",
    String(port),
    "--hostname",
    hostname,
  ];
}
