import path from "node:path";

/**
 * How the production server is run: by `npm start` (scripts/start.ts) and, so
 * that its figures are the product's, by the ingest benchmark.
 * Young generation: 16 MiB semi-spaces. 32 MiB halved the garbage collections
 * heartbeat bursts cause, but V8 keeps both semi-spaces resident once grown:
 * 32 MiB more in steady state at 10,000 appliances (bench/soak.ts), for batched
 * ingest still well above its target (bench/ingest.ts).
 * The old generation is capped at 256 MiB: with 10,000 appliances polled and the
 * pages in use, the live heap is about 107 MiB (bench/soak.ts heap snapshot), but
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
