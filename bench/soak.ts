// Soak benchmark: the production server (`npm start`, as it runs in production)
// with a simulated fleet registered and polled every 60 s (--interval), a browser-like client
// (fleet page, wall, appliance pages, the live-update stream), a collector's
// stream of heartbeats and a Prometheus scrape, for a set time. Every 30 s and
// at the end it prints each process's memory, CPU and sockets, the poll lag and
// the page times, then peak and steady memory, the memory slope of the last
// 5 minutes and each target as MET or NOT MET.
//   npm run bench:soak -- [--count 10000] [--minutes 10] [--db embedded,postgres] [--port 3230]
//       [--reporting 1000] [--warmup-seconds 90] [--interval 60] [--worker in-process|separate] [--heap-snapshot DIR]
// Ports: --port for Lifeline, the next one for the simulator (never 3210–3216, the tests' ports).
// PostgreSQL: a fresh database on BENCH_DATABASE_URL's server (default postgres://postgres@127.0.0.1:5432/postgres),
// dropped at the end; the embedded database lives in a temporary folder, removed at the end.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { BENCH_ADMIN_URL_DEFAULT, createScratchDatabase } from "../scripts/lib/scratch-database";
import { REGIONS, signInAs, startLifeline, TENANTS } from "./lib/seeded-fleet";
import {
  cpuSecondsOfStat,
  lastWindow,
  medianOf,
  percentileOf,
  rssBytesOfStatus,
  slopePerMinute,
  targetsFor,
  unlabelledSamples,
  verdictsOf,
  type TimedValue,
} from "./lib/soak-stats";

const SECRET_KEY = crypto.randomBytes(32).toString("hex");
const SESSION_SECRET = crypto.randomBytes(32).toString("hex");
process.env.LIFELINE_SECRET_KEY = SECRET_KEY;
process.env.LOG_LEVEL ??= "warn";

const EMAIL = "soak@example.net";
const PASSWORD = "soak password 123";
const DEFAULT_POLL_INTERVAL_SECONDS = 60;
const SAMPLE_MS = 5_000;
const REPORT_MS = 30_000;
const SCRAPE_MS = 15_000;
const SLOPE_WINDOW_MS = 5 * 60_000;
const MB = 1024 * 1024;
const FORBIDDEN_PORTS = new Set([3210, 3211, 3212, 3213, 3214, 3215, 3216]);

type Role = "web" | "worker" | "launcher" | "simulator";

interface ProcessSample {
  rss: number;
  cpuSeconds: number;
  sockets: number;
  pids: number[];
}

// ---------------------------------------------------------------- /proc

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

function childrenOf(pid: number): number[] {
  const tasks = (() => {
    try {
      return fs.readdirSync(`/proc/${pid}/task`);
    } catch {
      return [];
    }
  })();
  return tasks.flatMap((task) => (readText(`/proc/${pid}/task/${task}/children`) ?? "").split(" ").filter(Boolean).map(Number));
}

function descendantsOf(pid: number): number[] {
  const found: number[] = [];
  for (const child of childrenOf(pid)) found.push(child, ...descendantsOf(child));
  return found;
}

function isAlive(pid: number): boolean {
  const state = /^State:\s+(\w)/m.exec(readText(`/proc/${pid}/status`) ?? "")?.[1];
  return state !== undefined && state !== "Z";
}

const commandOf = (pid: number) => (readText(`/proc/${pid}/cmdline`) ?? "").split("\0").join(" ");

function socketsOf(pid: number): number {
  let count = 0;
  try {
    for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
      try {
        if (fs.readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith("socket:")) count += 1;
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    // the process is gone
  }
  return count;
}

function sampleOf(pids: number[]): ProcessSample {
  let rss = 0;
  let cpuSeconds = 0;
  let sockets = 0;
  for (const pid of pids) {
    rss += rssBytesOfStatus(readText(`/proc/${pid}/status`) ?? "") ?? 0;
    cpuSeconds += cpuSecondsOfStat(readText(`/proc/${pid}/stat`) ?? "") ?? 0;
    sockets += socketsOf(pid);
  }
  return { rss, cpuSeconds, sockets, pids };
}

/**
 * The processes `npm start` made, by role: the web server (scripts/server.mjs and
 * anything it runs), the separate worker (the innermost process running
 * scripts/worker.ts) and the launchers around them (tsx, scripts/start.ts).
 */
function classify(launcherPid: number, workerLauncherPid: number | null): Record<"web" | "worker" | "launcher", number[]> {
  const web: number[] = [];
  const launcher: number[] = [launcherPid];
  for (const pid of descendantsOf(launcherPid)) {
    if (commandOf(pid).includes("scripts/server.mjs")) web.push(pid, ...descendantsOf(pid));
  }
  for (const pid of descendantsOf(launcherPid)) if (!web.includes(pid)) launcher.push(pid);
  const worker: number[] = [];
  if (workerLauncherPid !== null) {
    const chain = [workerLauncherPid, ...descendantsOf(workerLauncherPid)];
    const innermost = chain.filter((pid) => commandOf(pid).includes("worker.ts") && childrenOf(pid).length === 0);
    for (const pid of chain) (innermost.includes(pid) ? worker : launcher).push(pid);
  }
  return { web, worker, launcher };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

// ---------------------------------------------------------------- the clients

type PageKind = "fleet" | "wall" | "appliance" | "wall refresh";

class PageTimes {
  private window = new Map<PageKind, number[]>();
  private all = new Map<PageKind, number[]>();
  errors = 0;
  lastError = "";

  add(kind: PageKind, ms: number, measured: boolean): void {
    for (const map of measured ? [this.window, this.all] : [this.window]) {
      const list = map.get(kind) ?? [];
      list.push(ms);
      map.set(kind, list);
    }
  }

  /** Medians since the last call. */
  takeWindow(): Map<PageKind, number> {
    const medians = new Map([...this.window].map(([kind, times]) => [kind, medianOf(times)]));
    this.window = new Map();
    return medians;
  }

  overall(): Map<PageKind, { median: number; p95: number; count: number }> {
    return new Map([...this.all].map(([kind, times]) => [kind, { median: medianOf(times), p95: percentileOf(times, 0.95), count: times.length }]));
  }
}

async function timedGet(url: string, cookie: string, headers: Record<string, string> = {}): Promise<number> {
  const started = performance.now();
  // A page request must not follow a redirect (to /signin, say); a re-render may (Next.js adds its cache-busting _rsc parameter so).
  const redirect = headers.rsc ? "follow" : "manual";
  const response = await fetch(url, { headers: { cookie, ...headers }, redirect, signal: AbortSignal.timeout(60_000) });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${new URL(url).pathname} answered ${response.status}`);
  return performance.now() - started;
}

const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/** An operator clicking about: the fleet page, an appliance, the wall, one request every 3 s. */
async function runOperator(base: string, cookie: string, ids: string[], times: PageTimes, measuring: () => boolean, signal: AbortSignal) {
  let turn = 0;
  while (!signal.aborted) {
    const kind: PageKind = (["fleet", "appliance", "wall"] as const)[turn % 3];
    const target = kind === "fleet" ? "/" : kind === "wall" ? "/wall" : `/appliances/${ids[(turn * 7919) % ids.length]}`;
    turn += 1;
    try {
      times.add(kind, await timedGet(`${base}${target}`, cookie), measuring());
    } catch (error) {
      if (signal.aborted) return;
      times.errors += 1;
      times.lastError = (error as Error).message;
    }
    await pause(3_000, signal);
  }
}

/**
 * A wall screen: the live-update stream, and a re-render of /wall (the request
 * router.refresh() makes) when the fleet digest changes, at most every 1.5 s,
 * and at least once a minute, as components/live-updates.tsx does.
 */
async function runWall(base: string, cookie: string, times: PageTimes, counters: { events: number }, measuring: () => boolean, signal: AbortSignal) {
  let shown = "";
  let lastRefresh = 0;
  let refreshing = false;
  const refresh = async () => {
    if (refreshing || Date.now() - lastRefresh < 1_500) return;
    refreshing = true;
    lastRefresh = Date.now();
    try {
      times.add("wall refresh", await timedGet(`${base}/wall`, cookie, { rsc: "1" }), measuring());
    } catch (error) {
      if (!signal.aborted) {
        times.errors += 1;
        times.lastError = (error as Error).message;
      }
    } finally {
      refreshing = false;
    }
  };
  const idle = setInterval(() => void refresh(), 60_000);
  try {
    while (!signal.aborted) {
      try {
        const response = await fetch(`${base}/api/v1/events`, { headers: { cookie, accept: "text/event-stream" }, signal });
        if (response.status !== 200 || !response.body) throw new Error(`the event stream answered ${response.status}`);
        const decoder = new TextDecoder();
        let buffer = "";
        for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
          buffer += decoder.decode(chunk, { stream: true });
          let end;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = /^data: (.*)$/m.exec(message)?.[1];
            if (!message.includes("event: fleet") || !data) continue;
            counters.events += 1;
            const digest = (JSON.parse(data) as { digest: string }).digest;
            if (digest !== shown) {
              shown = digest;
              void refresh();
            }
          }
        }
      } catch (error) {
        if (signal.aborted) return;
        times.errors += 1;
        times.lastError = (error as Error).message;
      }
      await pause(5_000, signal); // the stream's retry
    }
  } finally {
    clearInterval(idle);
  }
}

/** A collector: each reporting appliance's heartbeat once a poll interval, sent every second for the ones due. */
async function runCollector(
  base: string,
  token: string,
  ids: string[],
  intervalSeconds: number,
  counters: { accepted: number; failed: number; lastError: string },
  signal: AbortSignal,
) {
  let next = 0;
  const perSecond = Math.max(1, Math.round(ids.length / intervalSeconds));
  while (!signal.aborted && ids.length > 0) {
    const started = Date.now();
    const at = new Date().toISOString();
    const clock = new Date(Date.now() + 1_500).toISOString();
    const heartbeats = Array.from({ length: perSecond }, () => {
      const id = ids[next++ % ids.length];
      return `{"applianceId":"${id}","observedAt":"${at}","version":"9.7.10","licenseType":"Cloud","siteName":"soak","billingAlert":{"active":false,"turnedOn":null},"disconnectionAlert":{"active":false,"turnedOn":null},"zvmClockUtc":"${clock}"}`;
    });
    try {
      const response = await fetch(`${base}/api/v1/heartbeats`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: `{"heartbeats":[${heartbeats.join(",")}]}`,
        signal: AbortSignal.timeout(30_000),
      });
      const answer = (await response.json()) as { accepted?: number };
      if (response.status !== 200) throw new Error(`heartbeats answered ${response.status}`);
      counters.accepted += answer.accepted ?? 0;
    } catch (error) {
      if (signal.aborted) return;
      counters.failed += 1;
      counters.lastError = (error as Error).message;
    }
    await pause(Math.max(0, 1_000 - (Date.now() - started)), signal);
  }
}

/** Prometheus, every 15 s: the web process's heap (prom-client's process metrics) and the poll lag, read by the server from the database. */
async function scrape(base: string, token: string): Promise<{ heapUsed: number; heapTotal: number; external: number; lagSeconds: number; ms: number; bytes: number } | null> {
  const started = performance.now();
  try {
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    if (response.status !== 200) return null;
    const samples = unlabelledSamples(text, [
      "nodejs_heap_size_used_bytes",
      "nodejs_heap_size_total_bytes",
      "nodejs_external_memory_bytes",
      "lifeline_poll_lag_seconds",
    ]);
    return {
      heapUsed: samples.get("nodejs_heap_size_used_bytes") ?? Number.NaN,
      heapTotal: samples.get("nodejs_heap_size_total_bytes") ?? Number.NaN,
      external: samples.get("nodejs_external_memory_bytes") ?? Number.NaN,
      lagSeconds: samples.get("lifeline_poll_lag_seconds") ?? Number.NaN,
      ms: performance.now() - started,
      bytes: text.length,
    };
  } catch {
    return null;
  }
}

/** Sends SIGUSR2 (the server runs with --heapsnapshot-signal) and waits until the new snapshot file stops growing. */
async function takeHeapSnapshot(pid: number | undefined, dir: string, log: (line: string) => void): Promise<void> {
  if (pid === undefined) return;
  const before = new Set(fs.readdirSync(dir));
  process.kill(pid, "SIGUSR2");
  const deadline = Date.now() + 300_000;
  let lastSize = -1;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const file = fs.readdirSync(dir).find((name) => name.endsWith(".heapsnapshot") && !before.has(name));
    if (!file) continue;
    const size = fs.statSync(path.join(dir, file)).size;
    if (size > 0 && size === lastSize) {
      log(`heap snapshot of the web process: ${path.join(dir, file)} (${(size / MB).toFixed(0)} MB); summarise it with npx tsx bench/heap-summary.ts`);
      return;
    }
    lastSize = size;
  }
  log("the heap snapshot did not finish within 5 minutes");
}

// ---------------------------------------------------------------- one run

interface RunResult {
  kind: "embedded" | "postgres";
  lines: string[];
  verdicts: ReturnType<typeof verdictsOf>;
}

async function seed(
  db: import("../lib/db/client").Database,
  fleet: import("../scripts/lib/spawn-simulator").SimulatedFleetEntry[],
  reporting: number,
  intervalSeconds: number,
): Promise<{ polledIds: string[]; reportingIds: string[]; metricsToken: string; collectorToken: string }> {
  const { sealPassword } = await import("../lib/appliances/appliance-secrets");
  const { addUser } = await import("../lib/users/add-user");
  const { createApiToken } = await import("../lib/tokens/create-api-token");
  const { updateSettings } = await import("../lib/settings/update-settings");
  const admin = { kind: "cli" as const, id: "soak", label: "cli:soak", role: "admin" as const };
  await updateSettings(db, admin, { pollIntervalSeconds: intervalSeconds });
  await addUser(db, admin, { email: EMAIL, password: PASSWORD, role: "viewer" });
  const now = Date.now();
  for (let start = 0; start < fleet.length; start += 1_000) {
    await db.prisma.appliance.createMany({
      data: fleet.slice(start, start + 1_000).map((zvm, offset) => {
        const index = start + offset;
        const tenant = index % TENANTS;
        return {
          name: `soak-${zvm.name}`,
          kind: index % 10 === 9 ? ("zca" as const) : ("zvm" as const),
          role: zvm.scenario === "nfr" ? ("test" as const) : ("production" as const),
          mode: "polled" as const,
          url: zvm.url,
          username: zvm.username,
          passwordSealed: sealPassword(zvm.password),
          tlsFingerprintSha256: zvm.fingerprint,
          tenant: `tenant-${String(tenant).padStart(3, "0")}`,
          region: REGIONS[tenant % REGIONS.length],
          // A fleet in its steady state: polls spread over the interval, not all due at once.
          nextPollAt: new Date(now + Math.floor((index / fleet.length) * intervalSeconds * 1000)),
        };
      }),
    });
  }
  const sealed = sealPassword("not used");
  for (let start = 0; start < reporting; start += 1_000) {
    await db.prisma.appliance.createMany({
      data: Array.from({ length: Math.min(1_000, reporting - start) }, (_, offset) => ({
        name: `soak-collected-${String(start + offset).padStart(5, "0")}`,
        kind: "zvm" as const,
        role: "production" as const,
        mode: "reporting" as const,
        url: `https://10.9.${(start + offset) >> 8}.${(start + offset) & 255}:9669`,
        username: "svc",
        passwordSealed: sealed,
        tenant: "tenant-collected",
        region: "soak-collected",
      })),
    });
  }
  const polledIds = (await db.prisma.appliance.findMany({ where: { mode: "polled" }, select: { id: true } })).map((row) => row.id);
  const reportingIds = (await db.prisma.appliance.findMany({ where: { mode: "reporting" }, select: { id: true } })).map((row) => row.id);
  const metrics = await createApiToken(db, admin, { name: "soak-prometheus", role: "metrics" });
  const collector = await createApiToken(db, admin, { name: "soak-collector", role: "collector", scope: { tags: ["region:soak-collected"] } });
  return { polledIds, reportingIds, metricsToken: metrics.token, collectorToken: collector.token };
}

const mbOf = (bytes: number) => bytes / MB;
const fmtMb = (bytes: number) => (Number.isFinite(bytes) ? `${mbOf(bytes).toFixed(0)} MB` : "–");
const fmtMs = (ms: number | undefined) => (ms === undefined || !Number.isFinite(ms) ? "–" : `${ms.toFixed(0)} ms`);
const pct = (share: number) => `${(share * 100).toFixed(0)} %`;
const clockOf = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, "0")}`;

async function runOne(options: {
  kind: "embedded" | "postgres";
  count: number;
  reporting: number;
  minutes: number;
  intervalSeconds: number;
  warmupSeconds: number;
  port: number;
  separateWorker: boolean;
  heapSnapshotDir: string | null;
}): Promise<RunResult> {
  const { kind, count, port } = options;
  const { spawnSimulator } = await import("../scripts/lib/spawn-simulator");
  const { openDatabase } = await import("../lib/db/client");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-soak-"));
  let serverEnv: Record<string, string> = { LIFELINE_DATA_DIR: dataDir, NEXTAUTH_SECRET: SESSION_SECRET, LIFELINE_SECRET_KEY: SECRET_KEY };
  let drop = async () => undefined as void;
  const cleanups: (() => Promise<void>)[] = [];
  const log = (line: string) => console.log(`  ${kind.padEnd(8)} ${line}`);
  for (const taken of [port, port + 1]) {
    if (!(await portIsFree(taken))) throw new Error(`port ${taken} is in use: stop what uses it or pass another --port`);
  }
  try {
    const sim = await spawnSimulator(["--count", String(count), "--mix", "--seed", "1", "--port", String(port + 1)]);
    cleanups.push(sim.stop);
    log(`simulator up: ${sim.fleet.length} ZVMs on port ${port + 1} (a realistic mix: healthy, failing, slow, flaky, …)`);

    let db;
    if (kind === "embedded") {
      db = await openDatabase({ kind: "embedded", dataDir });
    } else {
      const scratch = await createScratchDatabase(process.env.BENCH_DATABASE_URL ?? BENCH_ADMIN_URL_DEFAULT, `soak_${process.pid}`);
      drop = scratch.drop;
      db = await openDatabase({ kind: "postgres", url: scratch.url, poolSize: 4 });
      serverEnv = { ...serverEnv, DATABASE_URL: scratch.url };
    }
    const seeded = await seed(db, sim.fleet, options.reporting, options.intervalSeconds);
    await db.close();
    log(`registered ${seeded.polledIds.length} polled and ${seeded.reportingIds.length} reporting appliances; poll interval ${options.intervalSeconds} s`);

    const server = await startLifeline(serverEnv, { port, separateWorker: options.separateWorker });
    let servingPids: number[] = [];
    cleanups.unshift(async () => {
      const stopping = Date.now();
      await server.stop();
      // The launcher may exit before the server it started (it did under heavy load): wait for it, then make sure.
      while (servingPids.some(isAlive) && Date.now() - stopping < 60_000) await new Promise((resolve) => setTimeout(resolve, 250));
      const left = servingPids.filter(isAlive);
      for (const pid of left) process.kill(pid, "SIGKILL");
      log(`Lifeline stopped in ${((Date.now() - stopping) / 1000).toFixed(1)} s${left.length > 0 ? ` (killed ${left.length} process(es) still running after 60 s)` : ""}`);
    });
    const startedAt = Date.now();
    log(`Lifeline ready at ${server.url} (worker ${options.separateWorker ? "as its own process" : "in the web process"})`);
    const cookie = await signInAs(server.url, EMAIL, PASSWORD);

    const stop = new AbortController();
    const times = new PageTimes();
    const stream = { events: 0 };
    const heartbeats = { accepted: 0, failed: 0, lastError: "" };
    const measureFrom = startedAt + options.warmupSeconds * 1000;
    const measureUntil = measureFrom + options.minutes * 60_000;
    const measuring = () => Date.now() >= measureFrom;
    const clients = [
      runOperator(server.url, cookie, seeded.polledIds, times, measuring, stop.signal),
      runWall(server.url, cookie, times, stream, measuring, stop.signal),
      runCollector(server.url, seeded.collectorToken, seeded.reportingIds, options.intervalSeconds, heartbeats, stop.signal),
    ];

    // Samples: every 5 s per process; the scrape every 15 s.
    const series: Record<Role, TimedValue[]> = { web: [], worker: [], launcher: [], simulator: [] };
    const served: TimedValue[] = []; // web + worker
    const lags: TimedValue[] = [];
    const heaps: { atMs: number; used: number; total: number; external: number }[] = [];
    const cpuAt = new Map<Role, { atMs: number; seconds: number }>();
    const cpuAtMeasureStart = new Map<Role, { atMs: number; seconds: number }>();
    let lastSample = new Map<Role, ProcessSample>();
    let lastCpuShare = new Map<Role, number>();
    let scrapeMs: number[] = [];
    let scrapeBytes = 0;

    const sample = () => {
      const roles = classify(server.pid, server.workerPid);
      servingPids = [...new Set([...servingPids, ...roles.web, ...roles.worker])];
      const now = Date.now();
      const samples = new Map<Role, ProcessSample>([
        ["web", sampleOf(roles.web)],
        ["worker", sampleOf(roles.worker)],
        ["launcher", sampleOf(roles.launcher)],
        ["simulator", sampleOf(sim.child.pid ? [sim.child.pid] : [])],
      ]);
      const shares = new Map<Role, number>();
      for (const [role, figures] of samples) {
        if (figures.pids.length === 0) continue;
        series[role].push({ atMs: now, value: mbOf(figures.rss) });
        const previous = cpuAt.get(role);
        if (previous) shares.set(role, (figures.cpuSeconds - previous.seconds) / ((now - previous.atMs) / 1000));
        cpuAt.set(role, { atMs: now, seconds: figures.cpuSeconds });
        if (now >= measureFrom && !cpuAtMeasureStart.has(role)) cpuAtMeasureStart.set(role, { atMs: now, seconds: figures.cpuSeconds });
      }
      served.push({ atMs: now, value: mbOf(samples.get("web")!.rss + samples.get("worker")!.rss) });
      lastSample = samples;
      lastCpuShare = shares;
    };
    const doScrape = async () => {
      const result = await scrape(server.url, seeded.metricsToken);
      if (!result) return;
      const now = Date.now();
      if (now >= measureFrom) {
        lags.push({ atMs: now, value: result.lagSeconds });
        scrapeMs.push(result.ms);
      }
      scrapeBytes = result.bytes;
      heaps.push({ atMs: now, used: result.heapUsed, total: result.heapTotal, external: result.external });
    };
    const report = () => {
      const elapsed = Date.now() - startedAt;
      const phase = Date.now() < measureFrom ? "warm-up" : "soak";
      const part = (role: Role) => {
        const figures = lastSample.get(role);
        if (!figures || figures.pids.length === 0) return null;
        const share = lastCpuShare.get(role);
        return `${role} ${fmtMb(figures.rss)} cpu ${share === undefined ? "–" : pct(share)} sockets ${figures.sockets}`;
      };
      const heap = heaps[heaps.length - 1];
      const pages = times.takeWindow();
      const lag = lags[lags.length - 1]?.value;
      log(
        `[${clockOf(elapsed)} ${phase}] ` +
          [part("web"), heap ? `(heap ${fmtMb(heap.used)} of ${fmtMb(heap.total)}, external ${fmtMb(heap.external)})` : null, part("worker"), part("launcher"), part("simulator")]
            .filter(Boolean)
            .join(" · "),
      );
      log(
        `              poll lag ${lag === undefined ? "–" : `${lag.toFixed(1)} s`} · pages (median, last 30 s): ` +
          (["fleet", "appliance", "wall", "wall refresh"] as const).map((k) => `${k} ${fmtMs(pages.get(k))}`).join(", ") +
          ` · stream events ${stream.events} · heartbeats ${heartbeats.accepted} accepted, ${heartbeats.failed} failed · ` +
          `client errors ${times.errors} · load ${os.loadavg()[0].toFixed(1)}`,
      );
    };

    sample();
    const sampler = setInterval(sample, SAMPLE_MS);
    const scraper = setInterval(() => void doScrape(), SCRAPE_MS);
    const reporter = setInterval(report, REPORT_MS);
    await pause(measureUntil - Date.now(), new AbortController().signal);
    sample();
    await doScrape();
    clearInterval(sampler);
    clearInterval(scraper);
    clearInterval(reporter);
    report();
    // A heap snapshot of the web process under the same load, once the figures are in (writing one stops the process and doubles its memory for a while).
    if (options.heapSnapshotDir) await takeHeapSnapshot(classify(server.pid, server.workerPid).web[0], options.heapSnapshotDir, log);
    stop.abort();
    await Promise.allSettled(clients);

    // ------------------------------------------------ the summary
    const measured = (points: TimedValue[]) => points.filter((point) => point.atMs >= measureFrom);
    const lines: string[] = [];
    const steadyOf = (points: TimedValue[]) => medianOf(lastWindow(measured(points), SLOPE_WINDOW_MS).map((point) => point.value));
    const cpuShareOf = (role: Role) => {
      const first = cpuAtMeasureStart.get(role);
      const last = cpuAt.get(role);
      return first && last && last.atMs > first.atMs ? (last.seconds - first.seconds) / ((last.atMs - first.atMs) / 1000) : Number.NaN;
    };
    lines.push(`${kind}: ${count} polled + ${options.reporting} reporting appliances, ${options.minutes} min after ${options.warmupSeconds} s of warm-up`);
    for (const role of ["web", "worker", "launcher", "simulator"] as const) {
      if (series[role].length === 0) continue;
      const peak = Math.max(...series[role].map((point) => point.value));
      const slope = slopePerMinute(lastWindow(measured(series[role]), SLOPE_WINDOW_MS));
      lines.push(
        `  ${role.padEnd(10)} RSS peak ${peak.toFixed(0).padStart(5)} MB  steady ${steadyOf(series[role]).toFixed(0).padStart(5)} MB  ` +
          `slope ${slope >= 0 ? "+" : ""}${slope.toFixed(2)} MB/min  CPU ${pct(cpuShareOf(role))}` +
          (role === "launcher" ? "  (npm start's tsx wrappers; not counted below)" : role === "simulator" ? "  (the simulated fleet; not counted below)" : ""),
      );
    }
    const measuredHeaps = heaps.filter((heap) => heap.atMs >= measureFrom);
    if (measuredHeaps.length > 0) {
      lines.push(
        `  web heap   used median ${medianOf(measuredHeaps.map((h) => mbOf(h.used))).toFixed(0)} MB, peak ${Math.max(...measuredHeaps.map((h) => mbOf(h.used))).toFixed(0)} MB; ` +
          `heap total median ${medianOf(measuredHeaps.map((h) => mbOf(h.total))).toFixed(0)} MB; external median ${medianOf(measuredHeaps.map((h) => mbOf(h.external))).toFixed(0)} MB (from /metrics)`,
      );
    } else {
      lines.push("  web heap   – (no /metrics answer: RSS only)");
    }
    const sockets = lastSample.get("web")?.sockets ?? 0;
    lines.push(`  sockets    web ${sockets}${options.separateWorker ? `, worker ${lastSample.get("worker")?.sockets ?? 0}` : ""} at the end`);
    const servedPeak = Math.max(...served.map((point) => point.value));
    const servedSteady = steadyOf(served);
    const servedSlope = slopePerMinute(lastWindow(measured(served), SLOPE_WINDOW_MS));
    const cpu = cpuShareOf("web") + (options.separateWorker ? cpuShareOf("worker") : 0);
    const lagValues = lags.map((point) => point.value).filter(Number.isFinite);
    const lagP99 = percentileOf(lagValues, 0.99);
    lines.push(
      `  web+worker RSS peak ${servedPeak.toFixed(0)} MB, steady ${servedSteady.toFixed(0)} MB (median of the last 5 min), ` +
        `slope ${servedSlope >= 0 ? "+" : ""}${servedSlope.toFixed(2)} MB/min, CPU ${pct(cpu)} of one core`,
    );
    lines.push(
      `  poll lag   p50 ${percentileOf(lagValues, 0.5).toFixed(1)} s, p99 ${lagP99.toFixed(1)} s, max ${Math.max(...lagValues).toFixed(1)} s ` +
        `(${lagValues.length} readings, one per scrape; scrape median ${fmtMs(medianOf(scrapeMs))}, ${(scrapeBytes / MB).toFixed(1)} MB)`,
    );
    for (const [pageKind, figures] of times.overall()) {
      lines.push(`  page       ${pageKind.padEnd(13)} median ${fmtMs(figures.median).padStart(7)}  p95 ${fmtMs(figures.p95).padStart(7)}  (${figures.count} requests)`);
    }
    lines.push(
      `  clients    ${stream.events} stream events, ${heartbeats.accepted} heartbeats accepted (${heartbeats.failed} batches failed${heartbeats.lastError ? `: ${heartbeats.lastError}` : ""}), ` +
        `${times.errors} page errors${times.lastError ? ` (last: ${times.lastError})` : ""}; machine load ${os.loadavg().map((v) => v.toFixed(1)).join(" ")}`,
    );
    const verdicts = verdictsOf({ steadyRssMb: servedSteady, slopeMbPerMin: servedSlope, pollLagP99Seconds: lagP99, cpuShare: cpu }, targetsFor(kind));
    for (const verdict of verdicts) lines.push(`  ${(verdict.met ? "MET" : "NOT MET").padEnd(8)} ${verdict.target.padEnd(44)} ${verdict.measured}`);
    console.log("");
    for (const line of lines) console.log(line);
    console.log("");
    return { kind, lines, verdicts };
  } finally {
    for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error(`cleanup: ${(error as Error).message}`));
    await drop().catch((error: unknown) => console.error(`dropping the database: ${(error as Error).message}`));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "10000" },
      minutes: { type: "string", default: "10" },
      db: { type: "string", default: "embedded,postgres" },
      port: { type: "string", default: "3230" },
      reporting: { type: "string", default: "1000" },
      "warmup-seconds": { type: "string", default: "90" },
      interval: { type: "string", default: String(DEFAULT_POLL_INTERVAL_SECONDS) },
      worker: { type: "string", default: "in-process" },
      "heap-snapshot": { type: "string" },
    },
  });
  const count = Number(values.count);
  const minutes = Number(values.minutes);
  const port = Number(values.port);
  const reporting = Number(values.reporting);
  const warmupSeconds = Number(values["warmup-seconds"]);
  const intervalSeconds = Number(values.interval);
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < 10) throw new Error("--interval is the poll interval in seconds, 10 or more");
  if (!Number.isInteger(count) || count < 1) throw new Error("--count must be a whole number of appliances");
  if (!(minutes > 0)) throw new Error("--minutes must be more than 0");
  if (!Number.isInteger(reporting) || reporting < 0) throw new Error("--reporting must be 0 or more");
  if (!Number.isInteger(port) || port < 1024 || port > 65_534 || FORBIDDEN_PORTS.has(port) || FORBIDDEN_PORTS.has(port + 1)) {
    throw new Error("--port must be a free port (it and the next one), outside 3210–3216 (the tests' ports)");
  }
  if (values.worker !== "in-process" && values.worker !== "separate") throw new Error("--worker is in-process or separate");
  const kinds = values.db.split(",").map((part) => part.trim());
  for (const kind of kinds) if (kind !== "embedded" && kind !== "postgres") throw new Error(`--db takes embedded and/or postgres, not ${kind}`);
  const heapSnapshotDir = values["heap-snapshot"] ? path.resolve(values["heap-snapshot"]) : null;
  if (heapSnapshotDir) {
    fs.mkdirSync(heapSnapshotDir, { recursive: true });
    // Every process started from here may write a snapshot on SIGUSR2 (only the web process is sent one), into this folder.
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ""} --heapsnapshot-signal=SIGUSR2 --diagnostic-dir=${heapSnapshotDir}`.trim();
  }

  console.log(
    `soak: ${count} polled appliances (+${reporting} reporting), poll interval ${intervalSeconds} s, ${minutes} min per database, ` +
      `${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)} at start (other work on this machine shows in every figure)`,
  );
  if (intervalSeconds !== DEFAULT_POLL_INTERVAL_SECONDS) {
    console.log(`  the targets are set for a ${DEFAULT_POLL_INTERVAL_SECONDS} s poll interval; at ${intervalSeconds} s they are shown for comparison`);
  }
  const results: RunResult[] = [];
  for (const kind of kinds as ("embedded" | "postgres")[]) {
    if (kind === "embedded" && values.worker === "separate") {
      console.log("  embedded: the worker runs in the web process (the embedded database has one owner); --worker separate applies to PostgreSQL");
    }
    results.push(
      await runOne({ kind, count, reporting, minutes, intervalSeconds, warmupSeconds, port, separateWorker: kind === "postgres" && values.worker === "separate", heapSnapshotDir }),
    );
  }
  if (results.length > 1) {
    console.log("summary");
    for (const result of results) for (const line of result.lines) console.log(line);
  }
  const missed = results.flatMap((result) => result.verdicts.filter((verdict) => !verdict.met).map((verdict) => `${result.kind}: ${verdict.target}`));
  console.log(missed.length === 0 ? "soak: every target met" : `soak: ${missed.length} target(s) not met: ${missed.join("; ")}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
