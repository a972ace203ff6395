// Benchmark: the fleet page (and the screens beside it) served by the real
// production server with 1,000 and 10,000 seeded appliances and a year of
// compliance roll-ups. Signs in like a browser and prints the median and p95 of
// the full server response; the fleet page's target is a median of 300 ms or less.
//   flock /tmp/lifeline-e2e.lock npx tsx bench/fleet-page.ts [--counts 1000,10000] [--requests 40] [--db embedded,postgres]
// The server is `npm start` (it builds first when the sources changed). PostgreSQL:
// BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { BENCH_ADMIN_URL_DEFAULT, createScratchDatabase } from "../scripts/lib/scratch-database";
import { percentile, REGIONS, seedAppliances, signInAs, startLifeline, TENANTS } from "./lib/seeded-fleet";

const SECRET_KEY = crypto.randomBytes(32).toString("hex");
const SESSION_SECRET = crypto.randomBytes(32).toString("hex");
process.env.LIFELINE_SECRET_KEY = SECRET_KEY;
process.env.LOG_LEVEL ??= "warn";

const EMAIL = "bench@example.net";
const PASSWORD = "bench password 123";

async function seed(db: import("../lib/db/client").Database, count: number) {
  const { addUser } = await import("../lib/users/add-user");
  const admin = { kind: "cli" as const, id: "bench", label: "cli:bench", role: "admin" as const };
  await addUser(db, admin, { email: EMAIL, password: PASSWORD, role: "viewer" });
  await seedAppliances(db, count);
  // A year of daily roll-ups, one row per tenant and region (each tenant sits in one region).
  await db.sql.exec(`
    INSERT INTO "ComplianceRollup" (day, tenant, region, appliances, "mustSend", compliant, "minutesFailing",
                                    "nearDisconnects", disconnects, recoveries, "recoveryMinutes")
    SELECT d::date, 'tenant-' || lpad(t::text, 3, '0'), (ARRAY['${REGIONS.join("','")}'])[t % ${REGIONS.length} + 1],
           ${Math.ceil(count / TENANTS)}, ${Math.ceil(count / TENANTS) - 2}, ${Math.ceil(count / TENANTS) - 2} - (t + extract(doy FROM d)::int) % 4,
           ((t * 37 + extract(doy FROM d)::int * 11) % 900), (t + extract(doy FROM d)::int) % 17 / 16, (t + extract(doy FROM d)::int) % 61 / 60,
           (t + extract(doy FROM d)::int) % 5 / 4, ((t + extract(doy FROM d)::int) % 5 / 4) * 2880
    FROM generate_series(current_date - 364, current_date, interval '1 day') AS d, generate_series(0, ${TENANTS - 1}) AS t`);
}

async function measure(url: string, cookie: string, target: string, requests: number) {
  const times: number[] = [];
  let bytes = 0;
  for (let index = 0; index < requests + 3; index += 1) {
    const started = performance.now();
    const response = await fetch(`${url}${target}`, { headers: { cookie }, redirect: "manual" });
    const body = await response.text();
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`${target} answered ${response.status}`);
    if (index >= 3) times.push(elapsed); // the first requests warm the server up
    bytes = body.length;
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 0.5), p95: percentile(times, 0.95), bytes };
}

async function main() {
  const { values } = parseArgs({
    options: {
      counts: { type: "string", default: "1000,10000" },
      requests: { type: "string", default: "40" },
      db: { type: "string", default: "embedded" },
    },
  });
  const requests = Number(values.requests);
  const { openDatabase } = await import("../lib/db/client");
  console.log(`fleet-page: ${os.cpus().length} cores, ${requests} requests per screen after 3 warm-up requests`);
  for (const kind of values.db.split(",").map((part) => part.trim())) {
    for (const count of values.counts.split(",").map(Number)) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-bench-page-"));
      let serverEnv: Record<string, string> = { LIFELINE_DATA_DIR: dataDir };
      let drop = async () => undefined as void;
      let db;
      if (kind === "embedded") {
        db = await openDatabase({ kind: "embedded", dataDir });
      } else {
        const scratch = await createScratchDatabase(process.env.BENCH_DATABASE_URL ?? BENCH_ADMIN_URL_DEFAULT, "lifeline_bench");
        db = await openDatabase({ kind: "postgres", url: scratch.url });
        serverEnv = { ...serverEnv, DATABASE_URL: scratch.url };
        drop = scratch.drop;
      }
      const seeded = performance.now();
      await seed(db, count);
      console.log(`  ${kind} ${count} appliances: seeded with a year of roll-ups in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
      // The worker's compliance-history job: the first sample writes every appliance's day, later ones only changes.
      const { HistoryMemory, recordComplianceHistory } = await import("../lib/history/record-compliance-history");
      const memory = new HistoryMemory();
      for (const label of ["first sample", "next sample"]) {
        const started = performance.now();
        const result = await recordComplianceHistory(db, new Date(), memory);
        console.log(
          `  ${kind.padEnd(8)} ${String(count).padStart(6)}  history job, ${label.padEnd(24)} ${(performance.now() - started).toFixed(0).padStart(5)} ms  ` +
            `(${result.daysWritten} days written, ${result.opened} episodes opened)`,
        );
      }
      await db.close();
      const server = await startLifeline({ ...serverEnv, NEXTAUTH_SECRET: SESSION_SECRET, LIFELINE_SECRET_KEY: SECRET_KEY });
      try {
        const cookie = await signInAs(server.url, EMAIL, PASSWORD);
        for (const [label, target, budget] of [
          ["fleet, worst first (first 100 rows)", "/", 300],
          ["fleet, critical only", "/?status=critical", 300],
          ["fleet, sorted by tenant, search", "/?sort=tenant&q=zvm-ams", 300],
          ["API appliances, worst first, 100", "/api/v1/appliances?sort=severity&limit=100", null],
          ["wall view", "/wall", null],
          ["compliance, 365 days", "/compliance?days=365", null],
        ] as const) {
          const result = await measure(server.url, cookie, target, requests);
          const verdict = budget === null ? "" : result.median <= budget ? `  (target ≤ ${budget} ms met)` : `  (target ≤ ${budget} ms MISSED)`;
          console.log(
            `  ${kind.padEnd(8)} ${String(count).padStart(6)}  ${label.padEnd(36)} median ${result.median.toFixed(0).padStart(5)} ms  p95 ${result.p95
              .toFixed(0)
              .padStart(5)} ms  ${(result.bytes / 1024).toFixed(0).padStart(5)} KiB${verdict}`,
          );
        }
      } finally {
        await server.stop();
        await drop();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
