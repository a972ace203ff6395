import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as readyzRoute from "@/app/readyz/route";
import * as summaryRoute from "@/app/api/v1/fleet/summary/route";
import * as heartbeatsRoute from "@/app/api/v1/heartbeats/route";
import { setDb, type Database } from "@/lib/db";
import { openDatabase } from "@/lib/db/client";
import { createEdge } from "@/lib/runtime/edge";
import { updateSettings } from "@/lib/settings/update-settings";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { defaultJobs } from "@/lib/worker/default-jobs";
import { publishInProcessWorker } from "@/lib/worker/in-process-worker";
import { startWorker, type RunningWorker } from "@/lib/worker/run-worker";
import { startSimulator, type Simulator } from "@/simulator";
import { registerSimulatedFleet } from "@/scripts/lib/simulated-fleet";
import { makeTempDir } from "../helpers/test-db";
import { postgresBinDir, startThrowawayPostgres, type ThrowawayPostgres } from "../helpers/throwaway-postgres";
import { testAdmin } from "../helpers/worker-context";
import { waitFor } from "../../helpers/wait-for";
import { postgresAvailable } from "../../helpers/postgres";

// PostgreSQL restarted under a standalone worker (`npm run worker`), a worker
// in this process (as the web server runs one) and a steady stream of
// collector heartbeats through the production server's edge and collector
// listener. The database is a throwaway cluster of this test's own: the
// machine's shared server is never restarted. It runs wherever the PostgreSQL
// server binaries are installed, and must run where PostgreSQL is required
// (LIFELINE_REQUIRE_POSTGRES=1, as in CI): there, missing binaries fail it.

const POLLED = 60;
const REPORTING = 24;
const LOAD_LANES = 6;
/** The bar: polling again this soon after the database is back. */
const RESUME_WITHIN_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 60_000): Promise<T> {
  return waitFor(what, probe, { timeoutMs, intervalMs: 200 }) as Promise<T>;
}

async function getJson(url: string): Promise<{ status: number; body: { worker?: { state?: string } } }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  return { status: response.status, body: (await response.json()) as { worker?: { state?: string } } };
}

interface Sent {
  status: number;
  at: number;
  applianceId: string;
  observedAt: string;
  accepted: boolean;
  retryAfter: string | null;
}

const restartable = postgresAvailable(
  "a PostgreSQL restart under workers and heartbeat load",
  postgresBinDir() !== null,
  "no PostgreSQL server binaries are installed (apt-get install postgresql)",
);

describe.skipIf(!restartable)("a PostgreSQL restart under workers and heartbeat load", () => {
  let pg: ThrowawayPostgres;
  let db: Database;
  let sim: Simulator;
  let worker: ChildProcess;
  let workerOutput = "";
  let workerExit: Promise<number | null>;
  let healthUrl: string;
  let inProcess: RunningWorker;
  let edge: http.Server;
  let edgeUrl: string;
  let token: string;
  let reporting: string[] = [];
  const sent: Sent[] = [];
  let loadRunning = true;
  let load: Promise<void>;
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    db = await openDatabase({ kind: "postgres", url: pg.url(), poolSize: 10 });
    setDb(db);
    await updateSettings(db, testAdmin, { pollIntervalSeconds: 10, pollTimeoutSeconds: 5, staleAfterPolls: 4, pollConcurrency: 16 });
    sim = await startSimulator({ zvms: Array.from({ length: POLLED }, (_, index) => ({ id: String(index), generation: index % 2 ? "linux" : "windows" })) });
    await registerSimulatedFleet(db, sim.list(), { name: (id) => `polled-${id.padStart(3, "0")}`, dueNow: true });
    await db.prisma.appliance.createMany({
      data: Array.from({ length: REPORTING }, (_, index) => ({
        name: `reporting-${index}`,
        kind: "zvm" as const,
        role: "production" as const,
        mode: "reporting" as const,
        url: `https://10.9.0.${index + 1}:9669`,
        username: "",
        passwordSealed: "",
        region: "restart",
        tags: [],
      })),
    });
    reporting = (await db.prisma.appliance.findMany({ where: { mode: "reporting" }, select: { id: true } })).map((row) => row.id);
    ({ token } = await createApiToken(db, testAdmin, { name: "restart collector", role: "collector", scope: { tags: ["region:restart"] } }));

    // The production server's edge (refusals, 503 while the database is down, the collector listener).
    const serve = createEdge(db);
    edge = http.createServer((request, response) => {
      if (!serve(request, response)) response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => edge.listen(0, "127.0.0.1", resolve));
    edgeUrl = `http://127.0.0.1:${(edge.address() as AddressInfo).port}`;

    const healthPort = await new Promise<number>((resolve) => {
      const probe = http.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    healthUrl = `http://127.0.0.1:${healthPort}`;
    worker = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts", "worker.ts"), "--health-port", String(healthPort)], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: os.homedir(),
        NODE_ENV: "production",
        DATABASE_URL: pg.url(),
        LIFELINE_SECRET_KEY: process.env.LIFELINE_SECRET_KEY,
        LIFELINE_DATA_DIR: makeTempDir("lifeline-restart-worker-"),
        HOSTNAME: "127.0.0.1",
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    worker.stdout?.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));
    worker.stderr?.on("data", (chunk: Buffer) => (workerOutput += chunk.toString()));
    workerExit = new Promise((resolve) => worker.on("exit", (code) => resolve(code)));

    inProcess = await startWorker({ db, log: pino({ level: "silent" }), jobs: defaultJobs() });
    publishInProcessWorker(inProcess);
    await until("the standalone worker to be ready", async () => (await getJson(`${healthUrl}/readyz`)).status === 200);
    await until("polls by both workers", async () => {
      const byWorker = await db.prisma.poll.groupBy({ by: ["workerId"], _count: { _all: true } });
      return byWorker.length >= 2;
    });

    load = (async () => {
      const lanes = Array.from({ length: LOAD_LANES }, async (_, lane) => {
        const mine = reporting.filter((_, index) => index % LOAD_LANES === lane);
        let serial = 0;
        while (loadRunning) {
          serial += 1;
          const applianceId = mine[serial % mine.length];
          const observedAt = new Date(Date.now() - 60_000 + serial).toISOString();
          try {
            const response = await fetch(`${edgeUrl}/api/v1/heartbeats`, {
              method: "POST",
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              body: JSON.stringify({ applianceId, observedAt, version: "9.7.10", billingAlert: { active: false } }),
              signal: AbortSignal.timeout(20_000),
            });
            const body = (await response.json()) as { accepted?: number };
            sent.push({ status: response.status, at: Date.now(), applianceId, observedAt, accepted: body.accepted === 1, retryAfter: response.headers.get("retry-after") });
            if (response.status !== 200) await sleep(100);
          } catch {
            sent.push({ status: 0, at: Date.now(), applianceId, observedAt, accepted: false, retryAfter: null });
          }
        }
      });
      await Promise.all(lanes);
    })();
  }, 240_000);

  afterAll(async () => {
    loadRunning = false;
    await load?.catch(() => undefined);
    publishInProcessWorker(null);
    await inProcess?.stop().catch(() => undefined);
    if (worker && worker.exitCode === null) worker.kill("SIGKILL");
    if (edge) {
      edge.closeAllConnections();
      await new Promise((resolve) => edge.close(resolve));
    }
    setDb(null);
    await db?.close().catch(() => undefined);
    await sim?.close();
    await pg?.destroy();
    console.info(`database restart figures: ${JSON.stringify(figures)}`);
  }, 120_000);

  /** Stops PostgreSQL for `outageMs`, checks every answer meanwhile, and measures how soon both workers poll again. */
  async function restart(label: string, mode: "fast" | "immediate", outageMs: number) {
    // Stop it under load: wait for fresh heartbeats to be taken, not for a fixed time.
    const sentBefore = sent.length;
    await until("heartbeats under load before the outage", async () => sent.slice(sentBefore).filter((one) => one.accepted).length >= 2 * LOAD_LANES);
    const stoppedAt = Date.now();
    await pg.stop(mode);

    // While it is down: not ready, 503 with Retry-After on every route, the worker waits instead of exiting.
    const health = await until("the standalone worker to report it waits", async () => {
      const answer = await getJson(`${healthUrl}/readyz`);
      return answer.status === 503 ? answer : null;
    }, 30_000);
    expect(health.body.worker?.state).toBe("waiting-for-database");
    await until("the in-process worker to wait", async () => inProcess.status().state === "waiting-for-database", 30_000);
    const readyz = await readyzRoute.GET();
    expect(readyz.status).toBe(503);
    expect(readyz.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await readyz.json()).toMatchObject({ ready: false, database: { reachable: false }, inProcessWorker: { state: "waiting-for-database" } });
    const summary = await summaryRoute.GET(new Request("http://lifeline.test/api/v1/fleet/summary", { headers: { authorization: "Bearer ll_nothing" } }), { params: Promise.resolve({}) });
    expect([summary.status, summary.headers.get("retry-after")]).toEqual([503, "5"]);
    const viaNext = await heartbeatsRoute.POST(
      new Request("http://lifeline.test/api/v1/heartbeats", {
        method: "POST",
        headers: { authorization: `Bearer ${token}-unknown`, "content-type": "application/json" },
        body: JSON.stringify({ applianceId: reporting[0], observedAt: new Date().toISOString() }),
      }),
      { params: Promise.resolve({}) },
    );
    expect([viaNext.status, viaNext.headers.get("retry-after")]).toEqual([503, "5"]);
    // The outage itself lasts `outageMs`: the scenario, not a wait for a state.
    await sleep(Math.max(0, outageMs - (Date.now() - stoppedAt)));
    expect(worker.exitCode).toBeNull();

    await pg.start();
    const backAt = Date.now();
    const resumedAt = await until(
      "both workers to poll again",
      async () => {
        const polls = await db.prisma.poll.groupBy({ by: ["workerId"], where: { at: { gt: new Date(backAt) } }, _min: { at: true } });
        return polls.length >= 2 ? Math.max(...polls.map((group) => (group._min.at as Date).getTime())) : null;
      },
      RESUME_WITHIN_MS + 15_000,
    );
    figures[`${label}: outage s`] = Math.round((backAt - stoppedAt) / 100) / 10;
    figures[`${label}: both workers polling again after s`] = Math.round((resumedAt - backAt) / 100) / 10;
    expect(resumedAt - backAt).toBeLessThan(RESUME_WITHIN_MS);
    await until("the standalone worker to report ready", async () => (await getJson(`${healthUrl}/readyz`)).status === 200, 30_000);
    expect(inProcess.status().state).toBe("running");
    await until("heartbeats to be taken again", async () => sent.some((item) => item.at > backAt && item.status === 200), 30_000);
  }

  it("waits out a fast restart and a 25 s crash, polls again within 30 s, answers 503 meanwhile and loses no accepted heartbeat", async () => {
    await restart("fast restart", "fast", 3_000);
    await restart("crash and 25 s down", "immediate", 25_000);
    loadRunning = false;
    await load;

    const statuses = new Map<number, number>();
    for (const item of sent) statuses.set(item.status, (statuses.get(item.status) ?? 0) + 1);
    figures["heartbeats sent"] = sent.length;
    for (const [status, count] of statuses) figures[`heartbeats answered ${status}`] = count;
    // Every answer is a 200 or, while the database was away, a 503 that says when to retry; never a 500.
    expect([...statuses.keys()].filter((status) => status !== 200 && status !== 503)).toEqual([]);
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(sent.filter((item) => item.status === 503).every((item) => item.retryAfter === "5")).toBe(true);

    // Every heartbeat that was answered as accepted is stored.
    const accepted = sent.filter((item) => item.accepted);
    figures["heartbeats accepted"] = accepted.length;
    const stored = await db.prisma.heartbeat.findMany({ select: { applianceId: true, observedAt: true } });
    const keys = new Set(stored.map((row) => `${row.applianceId}|${row.observedAt.toISOString()}`));
    expect(accepted.filter((item) => !keys.has(`${item.applianceId}|${item.observedAt}`))).toEqual([]);

    // The worker said what happened, and is still running; asked to stop, it exits 0.
    expect(workerOutput).toContain("database unreachable: jobs paused");
    expect(workerOutput).toContain("database reachable again: jobs resumed");
    expect(worker.exitCode).toBeNull();
    worker.kill("SIGTERM");
    expect(await workerExit).toBe(0);
  }, 300_000);
});
