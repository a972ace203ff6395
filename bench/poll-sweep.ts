// Benchmark: one worker sweeping N simulated ZVMs, on the embedded database
// and on PostgreSQL, beside a bare client making the same calls against the
// same simulator. Prints sweep time, polls/s and the ratio.
//   npx tsx bench/poll-sweep.ts [--count 10000] [--db embedded,postgres] [--concurrency 64]
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { BENCH_ADMIN_URL_DEFAULT, createScratchDatabase } from "../scripts/lib/scratch-database";

process.env.LIFELINE_SECRET_KEY ??= crypto.randomBytes(32).toString("hex");
process.env.LOG_LEVEL ??= "warn";

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "10000" },
      db: { type: "string", default: "embedded,postgres" },
      concurrency: { type: "string", default: "64" },
    },
  });
  const count = Number(values.count);
  const concurrency = Number(values.concurrency);
  const { spawnSimulator } = await import("../scripts/lib/spawn-simulator");
  const { createZvmSession } = await import("../lib/zvm");
  const { openDatabase } = await import("../lib/db/client");
  const { registerSimulatedFleet } = await import("../scripts/lib/simulated-fleet");
  const { SessionCache } = await import("../lib/poller/session-cache");
  const { sweepDueAppliances } = await import("../lib/poller/poll-sweep-job");
  const { updateSettings } = await import("../lib/settings/update-settings");
  const { getLogger } = await import("../lib/log");

  console.log(`poll-sweep: ${count} simulated ZVMs (half Windows, half Linux), concurrency ${concurrency}, ${os.cpus().length} cores`);
  const sim = await spawnSimulator(["--count", String(count), "--port", "0"]);
  try {
    // The ceiling: a bare client doing the same calls, no database.
    const bare = sim.fleet.map((zvm) =>
      createZvmSession(
        { url: zvm.url, username: zvm.username, password: zvm.password, authScheme: "auto", tlsFingerprintSha256: zvm.fingerprint, trustOnFirstUse: false },
        { connectTimeoutMs: 5_000, requestTimeoutMs: 15_000 },
      ),
    );
    const bareRates: number[] = [];
    for (const label of ["cold (sign-in)", "warm (tokens reused)"]) {
      let next = 0;
      let failed = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < bare.length) {
            const session = bare[next++];
            await session.readSnapshot().catch(() => (failed += 1));
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      bareRates.push(count / seconds);
      console.log(`  bare client  ${label.padEnd(22)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(count / seconds).toString().padStart(6)} polls/s  errors ${failed}`);
    }
    await Promise.all(bare.map((session) => session.close()));

    for (const kind of values.db.split(",").map((part) => part.trim())) {
      let db;
      let cleanup = async () => undefined as void;
      if (kind === "embedded") {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-bench-"));
        db = await openDatabase({ kind: "embedded", dataDir: dir });
        cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
      } else if (kind === "postgres") {
        const scratch = await createScratchDatabase(process.env.BENCH_DATABASE_URL ?? BENCH_ADMIN_URL_DEFAULT, "lifeline_bench");
        db = await openDatabase({ kind: "postgres", url: scratch.url, poolSize: 20 });
        cleanup = scratch.drop;
      } else {
        throw new Error(`--db takes embedded and/or postgres, not ${kind}`);
      }
      try {
        const admin = { kind: "cli" as const, id: "bench", label: "cli:bench", role: "admin" as const };
        await updateSettings(db, admin, { pollConcurrency: concurrency, pollTimeoutSeconds: 30 });
        const insertStarted = performance.now();
        await registerSimulatedFleet(db, sim.fleet, { name: (id) => `bench-${id}`, dueNow: true });
        console.log(`  ${kind}: registered ${count} appliances in ${((performance.now() - insertStarted) / 1000).toFixed(1)} s`);
        const sessions = new SessionCache(() => ({ connectTimeoutMs: 5_000, requestTimeoutMs: 15_000 }));
        const log = getLogger();
        for (const [index, label] of ["cold (sign-in)", "warm (tokens reused)"].entries()) {
          if (index > 0) await db.prisma.appliance.updateMany({ data: { nextPollAt: new Date(Date.now() - 1_000) } });
          const context = { db, log, workerId: "bench", signal: new AbortController().signal, now: () => new Date() };
          const started = performance.now();
          const polled = await sweepDueAppliances(context, sessions);
          const seconds = (performance.now() - started) / 1000;
          const failed = await db.prisma.appliance.count({ where: { lastPollError: { not: null } } });
          const rate = polled / seconds;
          console.log(
            `  worker ${kind.padEnd(8)} ${label.padEnd(22)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(rate).toString().padStart(6)} polls/s  ` +
              `ratio ${(rate / bareRates[index]).toFixed(2)}  errors ${failed}  ${seconds <= 60 ? "(target ≤ 60 s met)" : "(target ≤ 60 s MISSED)"}`,
          );
        }
        await sessions.closeAll();
      } finally {
        await db.close();
        await cleanup();
      }
    }
  } finally {
    await sim.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
