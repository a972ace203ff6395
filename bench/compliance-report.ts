// Benchmark: the compliance report for a named period (last month) with its
// per-appliance table, its CSV and the billing month report, at 1,000 and 10,000
// production appliances with 120 days of per-appliance history. Beside them, in
// the same run, the baseline: the fleet-wide day/tenant/region read from the
// daily roll-ups alone, which is all the first version's report did.
//   npx tsx bench/compliance-report.ts [--counts 1000,10000] [--db embedded,postgres] [--runs 7]
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { BENCH_ADMIN_URL_DEFAULT, createScratchDatabase } from "../scripts/lib/scratch-database";

process.env.LIFELINE_SECRET_KEY ??= crypto.randomBytes(32).toString("hex");
process.env.LOG_LEVEL ??= "warn";

const DAYS = 120;
const TENANTS = 200;
const REGIONS = ["ams", "fra", "lon", "par", "nyc", "dal", "sgp", "syd"];
const viewer = { kind: "cli" as const, id: "bench", label: "cli:bench", role: "viewer" as const };

type Db = Awaited<ReturnType<typeof import("../lib/db/client").openDatabase>>;

/** Appliances, their days (about one in ten has a failing day now and then) and their failure episodes; then every day's roll-up. */
async function seed(db: Db, count: number): Promise<void> {
  await db.sql.exec(`
    INSERT INTO "ComplianceDay" ("applianceId", day, "applianceName", tenant, region, role, "worstStatus", "lastStatus", "minutesFailing", "updatedAt")
    SELECT md5('a' || a)::uuid, d::date, 'zvm-' || lpad(a::text, 6, '0'), 'tenant-' || lpad((a % ${TENANTS})::text, 3, '0'),
           (ARRAY['${REGIONS.join("','")}'])[a % ${REGIONS.length} + 1], 'production',
           CASE WHEN (a * 31 + extract(doy FROM d)::int) % 97 = 0 THEN 'warning' ELSE 'ok' END, 'ok',
           CASE WHEN (a * 31 + extract(doy FROM d)::int) % 97 = 0 THEN 240 ELSE 0 END, now()
    FROM generate_series(1, ${count}) AS a, generate_series(current_date - ${DAYS}, current_date - 1, interval '1 day') AS d`);
  await db.sql.exec(`
    INSERT INTO "FailureEpisode" (id, "applianceId", "applianceName", tenant, region, role, "startedAt", "criticalAt", "endedAt", "endedBy")
    SELECT gen_random_uuid(), md5('a' || a)::uuid, 'zvm-' || lpad(a::text, 6, '0'), 'tenant-' || lpad((a % ${TENANTS})::text, 3, '0'),
           (ARRAY['${REGIONS.join("','")}'])[a % ${REGIONS.length} + 1], 'production',
           now() - ((a % ${DAYS}) || ' days')::interval, CASE WHEN a % 13 = 0 THEN now() - ((a % ${DAYS}) - 9 || ' days')::interval END,
           now() - ((a % ${DAYS}) || ' days')::interval + interval '4 hours', 'send-proven'
    FROM generate_series(1, ${count}) AS a WHERE a % 3 = 0`);
  const { rollUpDay } = await import("../lib/history/record-compliance-history");
  const { addUtcDays, utcDayStart } = await import("../lib/history/compliance-math");
  const today = utcDayStart(new Date());
  for (let back = DAYS; back >= 1; back -= 1) await rollUpDay(db.prisma, addUtcDays(today, -back));
}

async function time(runs: number, work: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  const samples: number[] = [];
  await work();
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], max: samples[samples.length - 1] };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { counts: { type: "string", default: "1000,10000" }, db: { type: "string", default: "embedded,postgres" }, runs: { type: "string", default: "7" } },
  });
  const counts = values.counts.split(",").map(Number);
  const kinds = values.db.split(",") as ("embedded" | "postgres")[];
  const runs = Number(values.runs);
  const { openDatabase } = await import("../lib/db/client");
  const { getComplianceReport, readRollups } = await import("../lib/history/get-compliance-report");
  const { exportComplianceCsv } = await import("../lib/history/export-compliance-csv");
  const { getBillingMonthReport } = await import("../lib/history/get-billing-month-report");
  const { lastFullMonth, resolvePeriod } = await import("../lib/history/compliance-period");
  const now = new Date();
  const month = lastFullMonth(now);
  const period = resolvePeriod({ month }, now);
  console.log(`compliance report for ${month}, ${DAYS} days of per-appliance history, median and slowest of ${runs} runs, ${os.cpus().length} cores`);
  for (const kind of kinds) {
    for (const count of counts) {
      let db: Db;
      let drop: () => Promise<void>;
      if (kind === "embedded") {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-bench-compliance-"));
        db = await openDatabase({ kind: "embedded", dataDir: dir });
        drop = async () => fs.rmSync(dir, { recursive: true, force: true });
      } else {
        const scratch = await createScratchDatabase(process.env.BENCH_DATABASE_URL ?? BENCH_ADMIN_URL_DEFAULT, "lifeline_bench");
        db = await openDatabase({ kind: "postgres", url: scratch.url });
        drop = scratch.drop;
      }
      try {
        const started = performance.now();
        await seed(db, count);
        console.log(`  ${kind} ${count} appliances: seeded ${count * DAYS} appliance-days in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        const rows: [string, () => Promise<unknown>][] = [
          ["baseline: roll-ups only (first version)", () => readRollups(db, period.from, period.through)],
          ["report, appliances needing attention", () => getComplianceReport(db, viewer, { month }, now)],
          ["report, every appliance", () => getComplianceReport(db, viewer, { month, appliances: "all" }, now)],
          ["CSV of every appliance", () => exportComplianceCsv(db, viewer, { table: "appliances", month, appliances: "all" }, now)],
          ["billing month report", () => getBillingMonthReport(db, viewer, {}, now)],
        ];
        for (const [label, work] of rows) {
          const result = await time(runs, work);
          console.log(`  ${kind.padEnd(8)} ${String(count).padStart(6)}  ${label.padEnd(42)} median ${result.median.toFixed(0).padStart(5)} ms  max ${result.max.toFixed(0).padStart(5)} ms`);
        }
      } finally {
        await db.close();
        await drop();
      }
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
