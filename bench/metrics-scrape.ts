// Benchmark: a Prometheus scrape of /metrics from the real production server,
// with 1,000 and 10,000 appliances. Prints the median and p95 of the whole
// answer (first byte to last) beside baselines measured in the same run: a
// do-nothing route on the same server, and the scrape's own read of the fleet
// from the database (in the bench process). Target: ≤ 200 ms at 10,000 appliances.
//   flock /tmp/lifeline-e2e.lock npm run bench:metrics -- [--counts 1000,10000] [--requests 20] [--db postgres,embedded]
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Gauge, Registry } from "prom-client";
import { readApplianceRows } from "../lib/metrics/read-fleet-metrics";
import { BENCH_ADMIN_URL_DEFAULT, createScratchDatabase } from "../scripts/lib/scratch-database";
import { percentile, seedAppliances, startLifeline, waitUntilQuiet } from "./lib/seeded-fleet";

const SECRET_KEY = crypto.randomBytes(32).toString("hex");
process.env.LIFELINE_SECRET_KEY = SECRET_KEY;
process.env.LOG_LEVEL ??= "warn";

async function timed(requests: number, run: () => Promise<number>) {
  const times: number[] = [];
  let size = 0;
  for (let index = 0; index < requests + 3; index += 1) {
    const started = performance.now();
    size = await run();
    if (index >= 3) times.push(performance.now() - started); // the first runs warm up
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95), size };
}

/** The whole answer, as bytes (a scraper reads bytes; decoding them here would time this process, not the server). */
async function fetchBytes(url: string, token?: string): Promise<Buffer> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${body.toString("utf8", 0, 200)}`);
  return body;
}

/** The per-appliance series of a scrape set on prom-client gauges and formatted by prom-client, timed. */
async function promClientFormatting(exposition: string): Promise<{ ms: number; series: number }> {
  const families = new Map<string, { labels: Record<string, string>; value: number }[]>();
  for (const line of exposition.split("\n")) {
    const match = /^(lifeline_appliance_\w+)\{(.*)\} (\S+)$/.exec(line);
    if (!match) continue;
    const labels = Object.fromEntries([...match[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((pair) => [pair[1], pair[2]]));
    const list = families.get(match[1]) ?? [];
    list.push({ labels, value: Number(match[3]) });
    families.set(match[1], list);
  }
  const started = performance.now();
  const registry = new Registry();
  let series = 0;
  for (const [name, values] of families) {
    const gauge = new Gauge({ name, help: name, labelNames: Object.keys(values[0].labels), registers: [registry] });
    for (const value of values) gauge.set(value.labels, value.value);
    series += values.length;
  }
  await registry.metrics();
  return { ms: performance.now() - started, series };
}

async function main() {
  const { values } = parseArgs({
    options: {
      counts: { type: "string", default: "1000,10000" },
      requests: { type: "string", default: "20" },
      db: { type: "string", default: "postgres" },
    },
  });
  const requests = Number(values.requests);
  const { openDatabase } = await import("../lib/db/client");
  const { createApiToken } = await import("../lib/tokens/create-api-token");
  const admin = { kind: "cli" as const, id: "bench", label: "cli:bench", role: "admin" as const };
  console.log(`metrics-scrape: ${os.cpus().length} cores, ${requests} scrapes after 3 warm-up scrapes`);
  for (const kind of values.db.split(",").map((part) => part.trim())) {
    for (const count of values.counts.split(",").map(Number)) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-bench-metrics-"));
      const scratch = kind === "postgres" ? await createScratchDatabase(process.env.BENCH_DATABASE_URL ?? BENCH_ADMIN_URL_DEFAULT, "lifeline_bench") : null;
      const open = () => (scratch ? openDatabase({ kind: "postgres", url: scratch.url }) : openDatabase({ kind: "embedded", dataDir }));
      const line = (label: string, result: { median: number; p95: number }, extra = "") =>
        console.log(
          `  ${kind.padEnd(8)} ${String(count).padStart(6)}  ${label.padEnd(40)} median ${result.median.toFixed(0).padStart(5)} ms  p95 ${result.p95.toFixed(0).padStart(5)} ms${extra}`,
        );
      const db = await open();
      const seeded = performance.now();
      await seedAppliances(db, count);
      const { token } = await createApiToken(db, admin, { name: "prometheus", role: "metrics" });
      console.log(`  ${kind.padEnd(8)} ${String(count).padStart(6)}  seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
      // The embedded database has one owner: its query is timed before the server takes it.
      const query = () => timed(requests, async () => (await readApplianceRows(db, (rows) => rows)).length);
      if (!scratch) {
        line("baseline: the scrape's read of the fleet", await query());
        await db.close();
      }
      const server = await startLifeline(
        { LIFELINE_DATA_DIR: dataDir, LIFELINE_SECRET_KEY: SECRET_KEY, ...(scratch ? { DATABASE_URL: scratch.url } : {}) },
        { separateWorker: scratch !== null },
      );
      try {
        // The worker's first pass over a fresh fleet (views, history, alerts) is not what a scrape meets later.
        if (server.workerPid) {
          const waited = await waitUntilQuiet(server.workerPid);
          console.log(`  ${kind.padEnd(8)} ${String(count).padStart(6)}  worker settled after ${(waited / 1000).toFixed(0)} s`);
        }
        console.log(`  ${kind.padEnd(8)} ${String(count).padStart(6)}  load average ${os.loadavg().map((load) => load.toFixed(1)).join(" ")} (other work on this machine)`);
        line("baseline: do-nothing route (/healthz)", await timed(requests, async () => (await fetchBytes(`${server.url}/healthz`)).length));
        if (scratch) line("baseline: the scrape's read of the fleet", await query());
        let body: Buffer = Buffer.alloc(0);
        const scrape = await timed(requests, async () => {
          body = await fetchBytes(`${server.url}/metrics`, token);
          return body.length;
        });
        const exposition = body.toString("utf8");
        const series = exposition.split("\n").filter((text) => text !== "" && !text.startsWith("#")).length;
        const verdict = count >= 10_000 ? (scrape.median <= 200 ? "  (target ≤ 200 ms met)" : "  (target ≤ 200 ms MISSED)") : "";
        line("GET /metrics (metrics token)", scrape, `  ${(scrape.size / 1_048_576).toFixed(1)} MiB, ${series} series${verdict}`);
        const reference = await promClientFormatting(exposition);
        console.log(
          `  ${kind.padEnd(8)} ${String(count).padStart(6)}  reference: prom-client gauges for the ${reference.series} per-appliance series: ${reference.ms.toFixed(0)} ms (bench process)`,
        );
      } finally {
        if (scratch) await db.close();
        await server.stop();
        await scratch?.drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
