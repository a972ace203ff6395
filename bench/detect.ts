// Benchmark: detection latency, from the billing alert turning on at a
// simulated ZVM to a webhook receiver on loopback getting the "started"
// message, through the real worker (poll sweep + alert jobs) on the embedded
// database; and the same for the recovery. Prints the figures per round.
//   npx tsx bench/detect.ts [--count 1] [--rounds 5] [--poll-interval 10] [--group-window 0] [--db embedded|postgres]
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { BENCH_ADMIN_URL_DEFAULT, createScratchDatabase } from "../scripts/lib/scratch-database";

process.env.LIFELINE_SECRET_KEY ??= crypto.randomBytes(32).toString("hex");
process.env.LOG_LEVEL ??= "warn";

interface Arrival {
  at: number;
  step: string;
  appliance: string;
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "1" },
      rounds: { type: "string", default: "5" },
      "poll-interval": { type: "string", default: "10" },
      "group-window": { type: "string", default: "0" },
      db: { type: "string", default: "embedded" },
    },
  });
  const count = Number(values.count);
  const rounds = Number(values.rounds);
  const pollInterval = Number(values["poll-interval"]);
  const groupWindow = Number(values["group-window"]);
  const { startSimulator } = await import("../simulator");
  const { openDatabase } = await import("../lib/db/client");
  const { registerSimulatedFleet } = await import("../scripts/lib/simulated-fleet");
  const { SessionCache } = await import("../lib/poller/session-cache");
  const { createPollSweepJob } = await import("../lib/poller/poll-sweep-job");
  const { createAlertJobs } = await import("../lib/alerts/alert-jobs");
  const { updateAlertingSettings } = await import("../lib/alerts/update-alerting-settings");
  const { createChannel } = await import("../lib/channels/create-channel");
  const { updateSettings } = await import("../lib/settings/update-settings");
  const { startWorker } = await import("../lib/worker/run-worker");
  const { getLogger } = await import("../lib/log");
  const admin = { kind: "cli", id: "bench", label: "cli:bench", role: "admin" } as const;

  const arrivals: Arrival[] = [];
  const receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const at = Date.now();
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { step: string; condition: string; items: { appliance: { name: string } }[] };
      if (body.condition === "billing") for (const item of body.items) arrivals.push({ at, step: body.step, appliance: item.appliance.name });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const sim = await startSimulator({ zvms: Array.from({ length: count }, (_, index) => ({ id: `zvm-${index}`, scenario: "healthy" as const })) });
  let db;
  let dropDatabase = async () => undefined as void;
  if (values.db === "postgres") {
    const scratch = await createScratchDatabase(process.env.BENCH_DATABASE_URL ?? BENCH_ADMIN_URL_DEFAULT, "lifeline_bench");
    db = await openDatabase({ kind: "postgres", url: scratch.url, poolSize: 10 });
    dropDatabase = scratch.drop;
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-bench-detect-"));
    db = await openDatabase({ kind: "embedded", dataDir: dir });
    dropDatabase = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const sessions = new SessionCache(() => ({ connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 }));
  let worker: Awaited<ReturnType<typeof startWorker>> | null = null;
  try {
    // A short interval needs a wider staleness window than 3 intervals to hold the poll lease (lib/poller/poll-lease.ts).
    await updateSettings(db, admin, { pollIntervalSeconds: pollInterval, pollTimeoutSeconds: 5, staleAfterPolls: 6 });
    await updateAlertingSettings(db, admin, { groupWindowSeconds: groupWindow, allowedTargets: ["127.0.0.1"], disabledConditions: ["billing-day"] });
    await createChannel(db, admin, { type: "webhook", name: "bench", url: receiverUrl, routes: [{ minSeverity: "info", conditions: ["billing"] }] });
    await registerSimulatedFleet(db, sim.list());
    console.log(
      `detect: ${count} simulated ZVM(s), poll interval ${pollInterval} s (±10 % jitter), group window ${groupWindow} s, ${values.db} database, ${os.cpus().length} cores`,
    );
    worker = await startWorker({ db, log: getLogger(), jobs: [createPollSweepJob(sessions), ...createAlertJobs()] });
    while ((await db.prisma.alertState.count({ where: { evaluatedAt: { not: null } } })) < count) await sleep(100);

    const target = pollInterval * 1000 + 10_000;
    const all: Record<string, number[]> = { started: [], recovered: [] };
    const stages: Record<string, { wait: number[]; pipeline: number[] }> = { started: { wait: [], pipeline: [] }, recovered: { wait: [], pipeline: [] } };
    for (let round = 1; round <= rounds; round += 1) {
      for (const [step, patch] of [
        ["started", { scenario: "failing", failingDays: 0 }],
        ["recovered", { failingDays: null }],
      ] as const) {
        // A random moment within the poll cycle, as a real alert would fall.
        await sleep(Math.random() * pollInterval * 1000);
        const flippedAt = Date.now();
        for (const zvm of sim.list()) sim.update(zvm.id, patch);
        while (arrivals.filter((arrival) => arrival.step === step && arrival.at >= flippedAt).length < count) await sleep(20);
        const got = arrivals.filter((arrival) => arrival.step === step && arrival.at >= flippedAt);
        const latencies = got.map((arrival) => arrival.at - flippedAt);
        const polls = await db.prisma.poll.findMany({ where: { at: { gte: new Date(flippedAt) }, ok: true }, orderBy: { at: "asc" }, select: { applianceId: true, at: true } });
        const firstPoll = new Map<string, number>();
        for (const poll of polls) if (!firstPoll.has(poll.applianceId)) firstPoll.set(poll.applianceId, poll.at.getTime());
        const pollWait = [...firstPoll.values()].map((at) => at - flippedAt);
        const lastArrival = Math.max(...got.map((arrival) => arrival.at));
        const pipeline = got.length > 0 && firstPoll.size > 0 ? lastArrival - Math.max(...firstPoll.values()) : NaN;
        all[step].push(...latencies);
        stages[step].wait.push(...pollWait);
        stages[step].pipeline.push(pipeline);
        console.log(
          `  round ${round} ${step.padEnd(9)} latency first ${seconds(Math.min(...latencies))}, last ${seconds(Math.max(...latencies))}` +
            `  (waiting for the poll ≤ ${seconds(Math.max(...pollWait))}; last poll → last message ${seconds(pipeline)})`,
        );
      }
    }
    for (const step of ["started", "recovered"]) {
      const values = all[step];
      const worst = Math.max(...values);
      console.log(
        `${step.padEnd(9)} n=${values.length}  median ${seconds(percentile(values, 0.5))}  p95 ${seconds(percentile(values, 0.95))}  max ${seconds(worst)}` +
          `  · poll → message median ${seconds(percentile(stages[step].pipeline, 0.5))}, max ${seconds(Math.max(...stages[step].pipeline))}` +
          `  · target ≤ ${seconds(target)}: ${worst <= target ? "met" : "MISSED"}`,
      );
    }
  } finally {
    await worker?.stop();
    await sessions.closeAll();
    await db.close();
    await dropDatabase();
    await sim.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
