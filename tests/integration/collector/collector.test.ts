import fs from "node:fs";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveCollectorConfig, type CollectorConfigInput } from "@/collector/collector-config";
import { startCollector, type Collector } from "@/collector/collector";
import { getApplianceView } from "@/lib/appliances/get-appliance";
import { registerAppliance } from "@/lib/appliances/register-appliance";
import { setDb } from "@/lib/db";
import { getTestTransmission } from "@/lib/test-transmissions/get-test-transmission";
import { requestTestTransmission } from "@/lib/test-transmissions/request-test-transmission";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { startSimulator, type Simulator, type ZvmSpec } from "@/simulator";
import { createTestDb, makeTempDir, testDbKinds, type TestDb } from "../helpers/test-db";
import { testAdmin, testOperator, testViewer } from "../helpers/worker-context";
import { startConnectProxy } from "./connect-proxy";
import { startLifelineServer, type LifelineServer } from "./lifeline-server";
import { waitFor } from "../../helpers/wait-for";

const fleet: ZvmSpec[] = [
  { id: "failing", generation: "linux", scenario: "failing", failingDays: 7, sendUsageResult: "failed" },
  { id: "pre-9", generation: "windows", scenario: "pre-9" },
  { id: "fixable", generation: "linux", scenario: "failing", failingDays: 3, sendUsageResult: "passed" },
  { id: "elsewhere", generation: "linux", scenario: "healthy" },
  ...Array.from({ length: 4 }, (_, i): ZvmSpec => ({ id: `steady-${i}`, generation: i % 2 ? "windows" : "linux", scenario: "healthy" })),
];

const log = pino({ level: "silent" });

/** Reads until the reading holds, the way a person watching the screen would; fails after the limit with the last reading. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, limitMs = 20_000): Promise<T> {
  let last: T | undefined;
  await waitFor(
    () => `a reading that holds (the last was ${JSON.stringify(last)?.slice(0, 500)})`,
    async () => done((last = await read())),
    { timeoutMs: limitMs, intervalMs: 100 },
  );
  return last as T;
}

describe.each(testDbKinds())("collector, simulator and Lifeline over loopback (%s)", (kind) => {
  let handle: TestDb;
  let sim: Simulator;
  let lifeline: LifelineServer;
  let token: string;
  const ids = new Map<string, string>();
  const collectors: Collector[] = [];
  const dirs: string[] = [];
  const tempDir = (prefix: string) => {
    const dir = makeTempDir(prefix);
    dirs.push(dir);
    return dir;
  };
  /** When the simulator started: its failing ZVMs count their days back from then. */
  const simStart = { from: 0, to: 0 };
  const view = (simId: string) => getApplianceView(handle.db, testViewer, ids.get(simId)!);

  function configFor(zvmIds: string[], extra: Partial<CollectorConfigInput> = {}) {
    const environment: Record<string, string> = { LIFELINE_TOKEN: token };
    const zvms = zvmIds.map((id) => {
      const zvm = sim.get(id);
      environment[`PW_${id.replace(/-/g, "_").toUpperCase()}`] = zvm.password;
      return {
        applianceId: ids.get(id)!,
        name: id,
        url: zvm.url,
        username: zvm.username,
        password: { env: `PW_${id.replace(/-/g, "_").toUpperCase()}` },
        tlsFingerprintSha256: zvm.fingerprint,
      };
    });
    const input: CollectorConfigInput = {
      lifeline: { url: lifeline.url, token: { env: "LIFELINE_TOKEN" } },
      intervalSeconds: 60,
      zvmTimeoutSeconds: 5,
      queue: { directory: tempDir("lifeline-collector-") },
      zvms,
      ...extra,
    };
    return resolveCollectorConfig(input, { baseDir: process.cwd(), environment });
  }

  async function collectorFor(config: ReturnType<typeof configFor>, schedule = false) {
    const collector = await startCollector({ config, log, schedule, backoff: { initialMs: 50, maxMs: 300 } });
    collectors.push(collector);
    return collector;
  }

  beforeAll(async () => {
    simStart.from = Date.now();
    sim = await startSimulator({ zvms: fleet, seed: 11 });
    simStart.to = Date.now();
    handle = await createTestDb(kind);
    setDb(handle.db);
    lifeline = await startLifelineServer();
    for (const zvm of sim.list()) {
      const appliance = await registerAppliance(handle.db, testAdmin, {
        name: `site-${zvm.id}`,
        kind: "zvm",
        role: "production",
        mode: "reporting",
        url: zvm.url,
        tags: { region: zvm.id === "elsewhere" ? "fra" : "ams" },
      });
      ids.set(zvm.id, appliance.id);
    }
    token = (await createApiToken(handle.db, testAdmin, { name: "collector-ams", role: "collector", scope: { tags: ["region:ams"] } })).token;
  });

  afterAll(async () => {
    await Promise.allSettled(collectors.map((collector) => collector.stop()));
    await lifeline?.stop();
    setDb(null);
    await handle?.drop();
    await sim?.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reports a failing ZVM's countdown and the 9.0 endpoint reachability through the site proxy", async () => {
    const billing = `127.0.0.1:${sim.port}`;
    let open = true;
    const proxy = await startConnectProxy((authority) => open && authority === billing);
    try {
      // The simulator stands in for the billing endpoint: its certificate is the site CA the ZVMs trust.
      const caFile = path.join(tempDir("lifeline-ca-"), "site-ca.pem");
      fs.writeFileSync(caFile, sim.certificatePem);
      const probe = { endpoints: [billing], proxy: proxy.url, intervalSeconds: 10, timeoutSeconds: 5, caFile };
      const config = configFor(["failing", "pre-9"], { billingProbe: probe });
      const first = await collectorFor(config);
      await first.runRound();
      await first.whenIdle();
      expect(first.stats()).toMatchObject({ produced: 2, accepted: 2, lastReachability: "reachable" });
      expect(proxy.seen).toEqual([billing]);

      const failing = await view("failing");
      expect(failing).toMatchObject({ billingStatus: "warning", daysUntilDisconnect: 7, mode: "reporting", licenseType: "Cloud" });
      // Against the simulator's start, not now: on a loaded machine the set-up alone can take a minute.
      expect(Date.parse(failing.failingSince!)).toBeGreaterThanOrEqual(simStart.from - 7 * 86_400_000 - 1_000);
      expect(Date.parse(failing.failingSince!)).toBeLessThanOrEqual(simStart.to - 7 * 86_400_000 + 1_000);
      expect(await view("pre-9")).toMatchObject({ migrationReadiness: "pending-upgrade", newEndpointReachability: "reachable" });

      // The firewall closes: the next collector start probes again and the view follows.
      await first.stop();
      open = false;
      const second = await collectorFor(config);
      await second.runRound();
      await second.whenIdle();
      expect(second.stats().lastReachability).toBe("unreachable");
      const blocked = await view("pre-9");
      expect(blocked.newEndpointReachability).toBe("unreachable");
      expect(blocked.statusReasons.map((reason) => reason.code)).toContain("new-endpoint-unreachable");
      await second.stop();
    } finally {
      await proxy.close();
    }
  });

  it("counts an endpoint whose certificate the ZVMs would not trust as unreachable, and says why", async () => {
    // As behind a TLS-inspecting firewall: the handshake completes, with a certificate from a CA nobody listed.
    const probe = { endpoints: [`127.0.0.1:${sim.port}`], intervalSeconds: 10, timeoutSeconds: 5 };
    expect((await view("steady-0")).newEndpointReachability).not.toBe("unreachable");
    const collector = await collectorFor(configFor(["steady-0"], { billingProbe: probe }));
    await collector.runRound();
    await collector.whenIdle();
    expect(collector.stats().lastReachability).toBe("unreachable");
    expect(collector.stats().lastProbeResults[0].detail).toMatch(/certificate the ZVM would not trust \(\w+\).*billingProbe\.caFile/);
    expect((await view("steady-0")).newEndpointReachability).toBe("unreachable");
    await collector.stop();
  });

  it("loses no heartbeat across a Lifeline restart or a collector restart", async () => {
    const steady = ["steady-0", "steady-1", "steady-2", "steady-3"];
    const config = configFor(steady, { intervalSeconds: 1 });
    const countStored = () =>
      handle.db.prisma.heartbeat.count({ where: { applianceId: { in: steady.map((id) => ids.get(id)!) } } });
    const before = await countStored();
    const first = await collectorFor(config, true);
    await eventually(() => countStored(), (count) => count >= before + 8);

    await lifeline.stop();
    await eventually(async () => first.stats().queued.heartbeats, (queued) => queued >= 8);
    // The collector restarts too while Lifeline is down: its queue is on disk.
    await first.stop();
    const queuedAtStop = first.stats().queued.heartbeats;
    expect(queuedAtStop).toBeGreaterThanOrEqual(8);
    const second = await collectorFor(config, true);
    expect(second.stats().queued.heartbeats).toBe(queuedAtStop);
    await eventually(async () => second.stats().queued.heartbeats, (queued) => queued >= queuedAtStop + 4);

    await lifeline.start();
    await eventually(async () => second.stats().queued.heartbeats, (queued) => queued === 0);
    await second.stop();
    const produced = first.stats().produced + second.stats().produced;
    expect(await countStored()).toBe(before + produced);
    expect(second.stats().dropped + first.stats().dropped).toBe(0);
  });

  it("cannot report for an appliance outside its token's scope, and keeps reporting the others", async () => {
    const collector = await collectorFor(configFor(["elsewhere", "steady-0"]));
    await collector.runRound();
    await collector.whenIdle();
    expect(collector.stats()).toMatchObject({ produced: 2, accepted: 1, refused: 1 });
    expect(collector.stats().queued.heartbeats).toBe(0);
    expect(await handle.db.prisma.heartbeat.count({ where: { applianceId: ids.get("elsewhere") } })).toBe(0);
    expect((await view("elsewhere")).billingStatus).toBe("unknown");
    await collector.stop();
  });

  it("runs an operator's test transmission for a reporting appliance: pending, then passed", async () => {
    const collector = await collectorFor(configFor(["fixable"]));
    await collector.runRound();
    await collector.whenIdle();
    expect((await view("fixable")).billingStatus).toBe("warning");
    const { transmission } = await requestTestTransmission(handle.db, testOperator, ids.get("fixable")!);
    expect(transmission.status).toBe("pending");
    const finished = await eventually(
      async () => {
        await collector.runRound();
        await collector.whenIdle();
        return getTestTransmission(handle.db, testViewer, transmission.id);
      },
      (current) => current.status !== "pending" && current.status !== "running",
    );
    expect(finished).toMatchObject({ status: "passed" });
    const shown = await view("fixable");
    expect(shown).toMatchObject({ billingStatus: "ok", lastSuccessfulSendSource: "collector", failingSince: null });
    await collector.stop();
  });

  it("refuses a config whose password file others may read", () => {
    const dir = tempDir("lifeline-collector-config-");
    const file = path.join(dir, "pw");
    fs.writeFileSync(file, "secret\n", { mode: 0o644 });
    const input = {
      lifeline: { url: lifeline.url, token: { file } },
      queue: { directory: dir },
      zvms: [{ applianceId: ids.get("failing"), url: "https://127.0.0.1:1", username: "u", password: { file } }],
    };
    expect(() => resolveCollectorConfig(input, { baseDir: dir, environment: {} })).toThrow(/chmod 600/);
    fs.chmodSync(file, 0o600);
    expect(resolveCollectorConfig(input, { baseDir: dir, environment: {} }).lifeline.token).toBe("secret");
  });
});
