// Benchmark: heartbeat ingest on PostgreSQL through the production server
// (scripts/server.mjs, as `npm start` runs it: the collector routes skip Next's
// pipeline), single heartbeats and batches of 500, with a load generator on
// loopback; beside it a bare Node HTTP server that parses the same JSON and
// answers, as the ceiling. Prints heartbeats/s, p50/p99 latency and the ratio.
//   flock /tmp/lifeline-e2e.lock npx tsx bench/ingest.ts [--seconds 10] [--connections 32] [--batch-connections 4] [--profile DIR]
// Builds first when the build is missing or older than the sources (hence the lock).
// PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { BENCH_ADMIN_URL_DEFAULT, createScratchDatabase } from "../scripts/lib/scratch-database";
import { freePort } from "../scripts/lib/free-port";
import { productionServerArgs } from "../scripts/lib/server-command";

const secretKey = crypto.randomBytes(32).toString("hex");
process.env.LIFELINE_SECRET_KEY ??= secretKey;
process.env.LOG_LEVEL ??= "warn";

interface PhaseResult {
  label: string;
  heartbeatsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  accepted: number;
}

const BARE_SERVER = `
const http = require("node:http");
http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    let body;
    try { body = JSON.parse(Buffer.concat(chunks).toString("utf8")); } catch { res.writeHead(400).end(); return; }
    const count = Array.isArray(body.heartbeats) ? body.heartbeats.length : 1;
    const answer = JSON.stringify({ accepted: count, duplicates: 0, rejected: [], commands: [] });
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(answer) }).end(answer);
  });
}).listen(Number(process.argv[1]), "127.0.0.1", () => process.send && process.send("ready"));
`;


/**
 * A keep-alive HTTP/1.1 client on one socket, lean enough that the load
 * generator does not become the bottleneck on a 2-core machine: requests are
 * written as prepared bytes, answers parsed just enough (status, length or chunks).
 */
export class RawConnection {
  private socket: net.Socket;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (answer: { status: number; body: string }) => void; reject: (error: Error) => void } | null = null;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on("data", (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.tryParse();
    });
    const fail = (error: Error) => {
      const waiting = this.waiting;
      this.waiting = null;
      waiting?.reject(error);
    };
    socket.on("error", fail);
    socket.on("close", () => fail(new Error("connection closed")));
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => resolve(new RawConnection(socket)));
      socket.once("error", reject);
    });
  }

  request(head: string, body: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(`${head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private tryParse(): void {
    const end = this.buffer.indexOf("\r\n\r\n");
    if (end < 0 || !this.waiting) return;
    const head = this.buffer.subarray(0, end).toString("latin1");
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    let body: string;
    let consumed: number;
    if (length) {
      const size = Number(length[1]);
      if (this.buffer.length < end + 4 + size) return;
      body = this.buffer.subarray(end + 4, end + 4 + size).toString("utf8");
      consumed = end + 4 + size;
    } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      const parts: Buffer[] = [];
      let at = end + 4;
      for (;;) {
        const lineEnd = this.buffer.indexOf("\r\n", at);
        if (lineEnd < 0) return;
        const size = parseInt(this.buffer.subarray(at, lineEnd).toString("latin1"), 16);
        if (this.buffer.length < lineEnd + 2 + size + 2) return;
        if (size === 0) {
          consumed = lineEnd + 4;
          break;
        }
        parts.push(this.buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts).toString("utf8");
    } else {
      body = "";
      consumed = end + 4;
    }
    this.buffer = this.buffer.subarray(consumed);
    const waiting = this.waiting;
    this.waiting = null;
    waiting.resolve({ status, body });
  }
}

/** As a collector sends them: with the alert-patterns version it holds, so answers stay small. */
let patternsVersion = "";
function requestHead(token: string): string {
  return (
    "POST /api/v1/heartbeats HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n" +
    `authorization: Bearer ${token}\r\nx-lifeline-alert-patterns: ${patternsVersion}\r\n`
  );
}

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

/** Closed loop: `connections` clients, each sending its next request when the last is answered. */
async function runPhase(options: {
  label: string;
  port: number;
  token: string;
  connections: number;
  seconds: number;
  perRequest: number;
  nextBody: (count: number) => string;
  /** Another request (the framework floor: GET /healthz); each 200 counts as one. */
  head?: string;
}): Promise<PhaseResult> {
  const head = options.head ?? requestHead(options.token);
  const latencies: number[] = [];
  let errors = 0;
  let accepted = 0;
  const until = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      let connection = await RawConnection.open(options.port);
      while (performance.now() < until) {
        const body = options.nextBody(options.perRequest);
        const sent = performance.now();
        try {
          const answer = await connection.request(head, body);
          latencies.push(performance.now() - sent);
          if (answer.status !== 200) {
            errors += 1;
            if (errors <= 3) console.error(`  ${options.label}: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
          } else {
            accepted += options.head ? 1 : (JSON.parse(answer.body) as { accepted: number }).accepted;
          }
        } catch (error) {
          errors += 1;
          if (errors <= 3) console.error(`  ${options.label}: ${(error as Error).message}`);
          connection.close();
          connection = await RawConnection.open(options.port);
        }
      }
      connection.close();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label: options.label,
    heartbeatsPerSecond: accepted / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    requests: latencies.length,
    errors,
    accepted,
  };
}

function buildIfStale(): void {
  const newest = (entry: string): number => {
    const stat = fs.statSync(entry, { throwIfNoEntry: false });
    if (!stat) return 0;
    if (!stat.isDirectory()) return stat.mtimeMs;
    return Math.max(0, ...fs.readdirSync(entry).map((child) => newest(path.join(entry, child))));
  };
  const sources = Math.max(...["app", "components", "lib", "instrumentation.ts", "next.config.js", "package.json"].map(newest));
  const built = fs.statSync(path.join(".next", "BUILD_ID"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built >= sources) return;
  console.log("ingest bench: building the production build first (next build)…");
  const result = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error("next build failed");
}

async function send(port: number, token: string, body: string): Promise<{ status: number; body: string } | null> {
  const connection = await RawConnection.open(port).catch(() => null);
  if (!connection) return null;
  try {
    return await connection.request(requestHead(token), body);
  } catch {
    return null;
  } finally {
    connection.close();
  }
}

async function waitForAnswer(port: number, token: string, child: ChildProcess): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const answer = await send(port, token, JSON.stringify({ heartbeats: [] }));
    if (answer?.status === 200) {
      patternsVersion = (JSON.parse(answer.body) as { alertPatterns: { version: string } }).alertPatterns.version;
      return;
    }
    if (answer && answer.status !== 503 && answer.status !== 404) throw new Error(`unexpected answer ${answer.status}: ${answer.body.slice(0, 200)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the server did not answer within 2 minutes");
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: "string", default: "10" },
      connections: { type: "string", default: "32" },
      "batch-connections": { type: "string", default: "4" },
      appliances: { type: "string", default: "2000" },
      /** Writes a V8 CPU profile of the Lifeline server into this folder (open it in Chrome's DevTools). */
      profile: { type: "string" },
    },
  });
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const batchConnections = Number(values["batch-connections"]);
  const applianceCount = Number(values.appliances);

  buildIfStale();
  const { openDatabase } = await import("../lib/db/client");
  const { createApiToken } = await import("../lib/tokens/create-api-token");

  const scratch = await createScratchDatabase(process.env.BENCH_DATABASE_URL ?? BENCH_ADMIN_URL_DEFAULT, "lifeline_bench");
  const url = new URL(scratch.url);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-bench-ingest-"));
  const children: ChildProcess[] = [];
  try {
    const db = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 4 });
    const ids = Array.from({ length: applianceCount }, () => crypto.randomUUID());
    await db.prisma.appliance.createMany({
      data: ids.map((id, index) => ({
        id,
        name: `bench-${index}`,
        kind: "zvm" as const,
        role: "production" as const,
        mode: "reporting" as const,
        url: `https://10.0.${index >> 8}.${index & 255}:9669`,
        username: "",
        passwordSealed: "",
        region: "bench",
        tags: [],
      })),
    });
    const system = { kind: "cli", id: "bench", label: "cli:bench", role: "admin" } as const;
    const { token } = await createApiToken(db, system, { name: "bench", role: "collector", scope: { tags: ["region:bench"] } });
    await db.close();

    // A healthy fleet's steady state: appliances in turn, each heartbeat new and
    // read now (the same appliance's observedAt at least a millisecond apart), as
    // collectors send them; one hour old, every appliance would be stale.
    let serial = 0;
    const lastAt = new Map<string, number>();
    const heartbeat = () => {
      serial += 1;
      const id = ids[serial % ids.length];
      const at = Math.max(Date.now(), (lastAt.get(id) ?? 0) + 1);
      lastAt.set(id, at);
      return `{"applianceId":"${id}","observedAt":"${new Date(at).toISOString()}","version":"9.7.10","licenseType":"Cloud","siteName":"bench","billingAlert":{"active":false,"turnedOn":null},"disconnectionAlert":{"active":false,"turnedOn":null},"zvmClockUtc":"${new Date(at + 1500).toISOString()}"}`;
    };
    const single = () => heartbeat();
    const batch = (count: number) => `{"heartbeats":[${Array.from({ length: count }, heartbeat).join(",")}]}`;

    const lifelinePort = await freePort();
    const server = spawn(
      process.execPath,
      productionServerArgs(lifelinePort, "127.0.0.1", values.profile ? ["--cpu-prof", "--cpu-prof-dir", path.resolve(values.profile)] : []),
      {
        stdio: ["ignore", "inherit", "inherit"],
        env: {
          ...process.env,
          NODE_ENV: "production",
          DATABASE_URL: url.toString(),
          LIFELINE_SECRET_KEY: process.env.LIFELINE_SECRET_KEY,
          LIFELINE_DATA_DIR: dataDir,
          LIFELINE_WORKER: "off",
          LOG_LEVEL: "warn",
          NEXTAUTH_SECRET: crypto.randomBytes(32).toString("hex"),
          AUTH_TRUST_HOST: "1",
        },
      },
    );
    children.push(server);
    await waitForAnswer(lifelinePort, token, server);
    // Every appliance reports once first: what follows is the steady state, not first sightings.
    let lifelineAccepted = 0;
    for (let start = 0; start < ids.length; start += 500) {
      const answer = await send(lifelinePort, token, batch(Math.min(500, ids.length - start)));
      if (answer?.status !== 200) throw new Error(`priming failed: ${answer?.status} ${answer?.body.slice(0, 200)}`);
      lifelineAccepted += (JSON.parse(answer.body) as { accepted: number }).accepted;
    }

    const barePort = await freePort();
    const bare = spawn(process.execPath, ["-e", BARE_SERVER, String(barePort)], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    children.push(bare);
    await new Promise((resolve) => bare.once("message", resolve));

    console.log(
      `ingest bench: ${os.cpus().length} cores (load generator included), PostgreSQL, production server (scripts/server.mjs), ` +
        `${applianceCount} reporting appliances, ${seconds} s per phase`,
    );
    const phases: [PhaseResult, PhaseResult][] = [];
    for (const [label, perRequest, clients, body] of [
      ["single", 1, connections, single],
      ["batch 500", 500, batchConnections, batch],
    ] as const) {
      const common = { token, connections: clients, perRequest, nextBody: body };
      // Warm-up: JIT, connection pools, caches.
      lifelineAccepted += (await runPhase({ ...common, label: "warm-up", port: lifelinePort, seconds: 2 })).accepted;
      await runPhase({ ...common, label: "warm-up", port: barePort, seconds: 1 });
      const lifeline = await runPhase({ ...common, label: `${label} Lifeline`, port: lifelinePort, seconds });
      lifelineAccepted += lifeline.accepted;
      const ceiling = await runPhase({ ...common, label: `${label} bare Node`, port: barePort, seconds });
      phases.push([lifeline, ceiling]);
    }
    // What Next.js itself serves here: a route that does nothing (GET /healthz).
    const floor = await runPhase({
      label: "next /healthz",
      port: lifelinePort,
      token,
      connections,
      seconds,
      perRequest: 1,
      nextBody: () => "",
      head: "GET /healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n",
    });

    const row = (result: PhaseResult, connectionsUsed: number) =>
      `  ${result.label.padEnd(20)} ${Math.round(result.heartbeatsPerSecond).toLocaleString("en").padStart(9)}  ` +
      `${result.p50.toFixed(1).padStart(7)}  ${result.p99.toFixed(1).padStart(7)}  ${String(result.requests).padStart(9)}  ` +
      `${String(connectionsUsed).padStart(5)}  ${String(result.errors).padStart(6)}`;
    console.log(`  ${"".padEnd(20)} ${"hb/s".padStart(9)}  ${"p50 ms".padStart(7)}  ${"p99 ms".padStart(7)}  ${"requests".padStart(9)}  ${"conns".padStart(5)}  ${"errors".padStart(6)}`);
    phases.forEach(([lifeline, ceiling], index) => {
      const used = index === 0 ? connections : batchConnections;
      console.log(row(lifeline, used));
      console.log(row(ceiling, used));
      console.log(`  ${"ratio Lifeline/bare".padEnd(20)} ${(lifeline.heartbeatsPerSecond / ceiling.heartbeatsPerSecond).toFixed(3).padStart(9)}`);
    });
    console.log(`${row(floor, connections)}   (requests/s of a route that does nothing)`);
    const [[singleResult], [batchResult]] = phases;
    const verdict = (met: boolean) => (met ? "met" : "NOT met");
    console.log(
      `  targets: single ≥ 3,000/s with p99 ≤ 50 ms: ${verdict(singleResult.heartbeatsPerSecond >= 3_000 && singleResult.p99 <= 50)}; ` +
        `batches of 500 ≥ 20,000/s: ${verdict(batchResult.heartbeatsPerSecond >= 20_000)}`,
    );

    // Every accepted heartbeat is stored, once.
    const check = new pg.Client({ connectionString: url.toString() });
    await check.connect();
    const stored = Number((await check.query(`SELECT count(*) AS n FROM "Heartbeat"`)).rows[0].n);
    await check.end();
    console.log(`  stored heartbeats: ${stored.toLocaleString("en")}; answered as accepted: ${lifelineAccepted.toLocaleString("en")}`);
    if (stored !== lifelineAccepted) process.exitCode = 1;
  } finally {
    await Promise.all(children.map(stopChild));
    fs.rmSync(dataDir, { recursive: true, force: true });
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
