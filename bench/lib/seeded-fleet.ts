// What the benchmarks that measure the production server share: a free port, a
// seeded fleet with a realistic mix of billing states, the server itself
// (`npm start`, which builds first when the sources changed), percentiles.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Database } from "../../lib/db/client";
import { freePort } from "../../scripts/lib/free-port";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const TENANTS = 200;
export const REGIONS = ["ams", "fra", "lon", "par", "nyc", "dal", "sgp", "syd"];


export function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))];
}

/** A mix like a real fleet: mostly fine, some failing at every stage, some stale, exempt and pre-9.0. */
function evidenceFor(index: number, now: number) {
  const roll = (index * 7919) % 100;
  const base = {
    lastDataAt: new Date(now - 60_000),
    alertsObservedAt: new Date(now - 60_000),
    licenseType: "Cloud",
    version: "9.7.10",
    version9SeenAt: new Date(now - 90 * DAY),
    billingAlertActive: false,
    disconnectionAlertActive: false,
    lastSuccessfulSendAt: null as Date | null,
    lastSuccessfulSendSource: null as string | null,
    billingAlertTurnedOn: null as Date | null,
    clockSkewSeconds: ((index * 37) % 240) - 120,
  };
  if (roll < 70) return { ...base, lastSuccessfulSendAt: new Date(now - (roll % 30) * HOUR), lastSuccessfulSendSource: "test-transmission" };
  if (roll < 80) return { ...base, billingAlertActive: true, billingAlertTurnedOn: new Date(now - (roll - 69) * DAY) };
  if (roll < 83) return { ...base, billingAlertActive: true, billingAlertTurnedOn: new Date(now - 20 * DAY), disconnectionAlertActive: true };
  if (roll < 88) return { ...base, version: "8.5.20", version9SeenAt: null };
  if (roll < 92) return { ...base, licenseType: "NFR" };
  if (roll < 96) return { ...base, lastDataAt: new Date(now - 2 * HOUR) };
  return base;
}

/**
 * Registers `count` reporting appliances (nothing for the worker to poll, so a
 * measurement is the request alone beside an idle worker) across 200 tenants
 * and 8 regions, with their stored views computed.
 */
export async function seedAppliances(db: Database, count: number): Promise<void> {
  const { sealPassword } = await import("../../lib/appliances/appliance-secrets");
  const { refreshStoredViews } = await import("../../lib/poller/maintenance-jobs");
  const sealed = sealPassword("not used");
  const now = Date.now();
  for (let start = 0; start < count; start += 1_000) {
    await db.prisma.appliance.createMany({
      data: Array.from({ length: Math.min(1_000, count - start) }, (_, offset) => {
        const index = start + offset;
        const tenant = index % TENANTS;
        return {
          name: `zvm-${REGIONS[tenant % REGIONS.length]}-${String(index).padStart(5, "0")}`,
          kind: index % 10 === 0 ? ("zca" as const) : ("zvm" as const),
          role: index % 25 === 0 ? ("test" as const) : ("production" as const),
          mode: "reporting" as const,
          url: `https://zvm-${index}.example.net:9669`,
          username: "svc",
          passwordSealed: sealed,
          tenant: `tenant-${String(tenant).padStart(3, "0")}`,
          region: REGIONS[tenant % REGIONS.length],
          ...evidenceFor(index, now),
        };
      }),
    });
  }
  await refreshStoredViews(db);
}

const tsx = (script: string, env: NodeJS.ProcessEnv): ChildProcess =>
  spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), script], { env, stdio: ["ignore", "inherit", "inherit"] });

const stopChild = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });

/**
 * Runs `npm start` (scripts/start.ts) on a free loopback port and waits until /readyz answers 200.
 * With `separateWorker` (PostgreSQL), the web process runs without the worker and `npm run worker`
 * runs beside it, as the README sets up larger fleets. `port`: a fixed port instead of a free one.
 */
export async function startLifeline(
  env: Record<string, string>,
  options: { separateWorker?: boolean; port?: number } = {},
): Promise<{ url: string; pid: number; workerPid: number | null; stop(): Promise<void> }> {
  const port = options.port ?? (await freePort());
  const childEnv = { ...process.env, ...env, PORT: String(port), HOSTNAME: "127.0.0.1", LOG_LEVEL: "warn" };
  const child = tsx("scripts/start.ts", options.separateWorker ? { ...childEnv, LIFELINE_WORKER: "off" } : childEnv);
  const worker = options.separateWorker ? tsx("scripts/worker.ts", childEnv) : null;
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 300_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ready = await fetch(`${url}/readyz`).then((response) => response.status === 200).catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error("the server did not become ready within 5 minutes");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    url,
    pid: child.pid!,
    workerPid: worker?.pid ?? null,
    stop: async () => {
      await Promise.all([stopChild(child), ...(worker ? [stopChild(worker)] : [])]);
    },
  };
}

/** CPU seconds a process and its children (tsx runs the script in one) have used so far (Linux /proc); null when gone. */
function cpuSecondsOf(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    let seconds = (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      for (const child of fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ").filter(Boolean)) {
        seconds += cpuSecondsOf(Number(child)) ?? 0;
      }
    }
    return seconds;
  } catch {
    return null;
  }
}

/**
 * Waits until a process is quiet (under 10% of a core for 3 s in a row), e.g. a
 * worker done with its start-up work over a fresh fleet; gives up after `limitMs`.
 */
export async function waitUntilQuiet(pid: number, limitMs = 240_000): Promise<number> {
  const started = Date.now();
  let quiet = 0;
  let last = cpuSecondsOf(pid);
  while (quiet < 3 && Date.now() - started < limitMs && last !== null) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = cpuSecondsOf(pid);
    if (now === null) break;
    quiet = now - last < 0.1 ? quiet + 1 : 0;
    last = now;
  }
  return Date.now() - started;
}

/** Signs in through next-auth's credentials endpoint, as the sign-in form does; returns the cookie header. */
export async function signInAs(url: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const [name, ...value] = pair.split("=");
      jar.set(name.trim(), value.join("="));
    }
  };
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  const csrf = await fetch(`${url}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(response);
  if (![...jar.keys()].some((name) => name.includes("session-token"))) throw new Error(`sign-in failed (${response.status})`);
  return header();
}
