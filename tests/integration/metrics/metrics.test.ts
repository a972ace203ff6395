import { execFile } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as metricsRoute from "@/app/metrics/route";
import { sealPassword } from "@/lib/appliances/appliance-secrets";
import { listAppliances } from "@/lib/appliances/list-appliances";
import { parseEnv } from "@/lib/env";
import { setDb } from "@/lib/db";
import { countHeartbeats, countPoll, flushMetricCounters } from "@/lib/metrics/metric-counters";
import { serveMetricsRequest } from "@/lib/metrics/metrics-route";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { testAdmin } from "../helpers/worker-context";
import { parseExposition, pick } from "./exposition";

const DAY = 86_400_000;
const PROMTOOL = "/usr/bin/promtool";

/** Appliances in the states a NOC meets, with awkward tags. */
async function seedFleet(db: TestDb["db"]) {
  const now = Date.now();
  const base = { kind: "zvm" as const, role: "production" as const, mode: "polled" as const, url: "https://zvm.example.net:9669", username: "svc", passwordSealed: sealPassword("x") };
  const seen = { lastDataAt: new Date(now - 60_000), alertsObservedAt: new Date(now - 60_000), version: "9.7.10", licenseType: "Cloud", billingAlertActive: false, disconnectionAlertActive: false };
  await db.prisma.appliance.createMany({
    data: [
      { ...base, ...seen, name: "zvm-ok", tenant: "acme", region: "ams", lastSuccessfulSendAt: new Date(now - 3_600_000), lastSuccessfulSendSource: "test-transmission", clockSkewSeconds: -2.5 },
      { ...base, ...seen, name: "zvm-failing", tenant: 'ten "quoted" \\ back', region: "fra", billingAlertActive: true, billingAlertTurnedOn: new Date(now - 3 * DAY - 3_600_000) },
      { ...base, ...seen, name: "zvm-critical", tenant: "acme", region: "ams", mode: "reporting", billingAlertActive: true, billingAlertTurnedOn: new Date(now - 12 * DAY + 3_600_000) },
      { ...base, ...seen, name: "zca-gone", kind: "zca", tenant: "beta", billingAlertActive: true, billingAlertTurnedOn: new Date(now - 20 * DAY), disconnectionAlertActive: true },
      { ...base, ...seen, name: "zvm-nfr", licenseType: "NFR", role: "test", version: "8.5.20" },
      { ...base, name: "zvm-new" },
    ],
  });
}

describe.each(testDbKinds())("/metrics (%s)", (kind) => {
  let handle: TestDb;
  let server: http.Server;
  let url: string;
  const tokens: Record<string, string> = {};

  const scrape = async (token: string | null = tokens.metrics) => {
    const response = await fetch(`${url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  beforeAll(async () => {
    handle = await createTestDb(kind);
    setDb(handle.db);
    await seedFleet(handle.db);
    for (const role of ["metrics", "viewer", "admin", "collector"] as const) {
      tokens[role] = (await createApiToken(handle.db, testAdmin, { name: `t-${role}`, role })).token;
    }
    server = http.createServer((request, response) => {
      if (!serveMetricsRequest(request, response)) response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    setDb(null);
    await handle?.drop();
  });

  it("answers a metrics token only: 401 with a challenge to nobody, 403 to other roles", async () => {
    const anonymous = await scrape(null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="lifeline-metrics"');
    expect(anonymous.text).toMatch(/token with the metrics role/);
    expect((await scrape("ll_not-a-real-token")).status).toBe(401);
    for (const role of ["viewer", "admin", "collector"]) {
      const answer = await scrape(tokens[role]);
      expect(answer.status).toBe(403);
      expect(answer.text).toMatch(new RegExp(`needs the metrics role; you are ${role}`));
    }
    const ok = await scrape();
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
  });

  it("shows each appliance's countdown, status and readiness exactly as the REST API does", async () => {
    const { samples } = parseExposition((await scrape()).text);
    const { items } = await listAppliances(handle.db, testAdmin, { limit: 500 });
    expect(items).toHaveLength(6);
    for (const appliance of items) {
      const labels = { appliance: appliance.name, tenant: appliance.tags.tenant ?? "", region: appliance.tags.region ?? "", kind: appliance.kind, mode: appliance.mode };
      const days = pick(samples, "lifeline_appliance_days_until_disconnect", { appliance: appliance.name });
      expect(days.map((sample) => sample.value)).toEqual(appliance.daysUntilDisconnect === null ? [] : [appliance.daysUntilDisconnect]);
      const status = pick(samples, "lifeline_appliance_billing_status", { appliance: appliance.name });
      expect(status).toHaveLength(7);
      expect(status.filter((sample) => sample.value === 1)).toEqual([{ name: "lifeline_appliance_billing_status", labels: { ...labels, status: appliance.billingStatus }, value: 1 }]);
      const readiness = pick(samples, "lifeline_appliance_migration_readiness", { appliance: appliance.name });
      expect(readiness).toEqual([{ name: "lifeline_appliance_migration_readiness", labels: { ...labels, readiness: appliance.migrationReadiness }, value: 1 }]);
      const disconnect = pick(samples, "lifeline_appliance_disconnect_timestamp_seconds", { appliance: appliance.name });
      expect(disconnect.map((sample) => sample.value * 1000)).toEqual(appliance.disconnectAt ? [Date.parse(appliance.disconnectAt)] : []);
      const skew = pick(samples, "lifeline_appliance_clock_skew_seconds", { appliance: appliance.name });
      expect(skew.map((sample) => sample.value)).toEqual(appliance.clockSkewSeconds === null ? [] : [appliance.clockSkewSeconds]);
    }
    expect(items.map((item) => [item.name, item.billingStatus, item.daysUntilDisconnect])).toEqual([
      ["zca-gone", "disconnected", 0],
      ["zvm-critical", "critical", 3],
      ["zvm-failing", "warning", 11],
      ["zvm-new", "unknown", null],
      ["zvm-nfr", "exempt", null],
      ["zvm-ok", "ok", null],
    ]);
    // Tags are written escaped and read back whole.
    expect(pick(samples, "lifeline_appliance_days_until_disconnect", { appliance: "zvm-failing" })[0].labels.tenant).toBe('ten "quoted" \\ back');
    const since = pick(samples, "lifeline_appliance_seconds_since_last_successful_send");
    expect(since.map((sample) => sample.labels.appliance)).toEqual(["zvm-ok"]);
    expect(since[0].value).toBeGreaterThanOrEqual(3600);
    expect(since[0].value).toBeLessThan(3700);
  });

  it("counts the fleet by status and readiness", async () => {
    const { samples } = parseExposition((await scrape()).text);
    const counts = Object.fromEntries(pick(samples, "lifeline_appliances").map((sample) => [sample.labels.status, sample.value]));
    expect(counts).toEqual({ ok: 1, warning: 1, critical: 1, disconnected: 1, exempt: 1, stale: 0, unknown: 1 });
    const readiness = pick(samples, "lifeline_appliances_by_migration_readiness").reduce((sum, sample) => sum + sample.value, 0);
    expect(readiness).toBe(6);
  });

  it("serves the counters every process adds to, and those the database counts itself", async () => {
    const before = parseExposition((await scrape()).text).samples;
    expect(pick(before, "lifeline_poll_errors_total", { reason: "timeout" })[0].value).toBe(0);
    expect(pick(before, "lifeline_poll_duration_seconds_count")[0].value).toBe(0);

    countPoll(handle.db, { durationMs: 80, reason: null });
    countPoll(handle.db, { durationMs: 700, reason: null });
    countPoll(handle.db, { durationMs: 30_000, reason: "timeout" });
    countPoll(handle.db, { durationMs: 90_000, reason: "auth" });
    countHeartbeats(handle.db, { accepted: 7, duplicates: 2, rejected: 1 });
    await flushMetricCounters(handle.db);

    const appliance = await handle.db.prisma.appliance.findFirstOrThrow({ where: { name: "zvm-ok" } });
    const test = await handle.db.prisma.testTransmission.create({ data: { applianceId: appliance.id, requestedBy: "test", openKey: appliance.id } });
    await handle.db.prisma.testTransmission.update({ where: { id: test.id }, data: { status: "running" } });
    await handle.db.prisma.testTransmission.update({ where: { id: test.id }, data: { status: "failed", openKey: null } });
    await handle.db.prisma.testTransmission.update({ where: { id: test.id }, data: { detail: "noted twice, counted once" } });
    const channel = await handle.db.prisma.alertChannel.create({ data: { name: "hook", type: "webhook", secretsSealed: "x", targetHint: "https://…" } });
    const message = await handle.db.prisma.alertMessage.create({
      data: { channelId: channel.id, idempotencyKey: "k1", condition: "billing-failing", step: "started", severity: "warning", payload: {} },
    });
    for (const ok of [false, false, true]) {
      await handle.db.prisma.alertDeliveryAttempt.create({ data: { messageId: message.id, at: new Date(), ok, durationMs: 5 } });
    }

    const { samples, types } = parseExposition((await scrape()).text);
    const one = (name: string, labels: Record<string, string> = {}) => pick(samples, name, labels)[0]?.value;
    expect(types.get("lifeline_poll_duration_seconds")).toBe("histogram");
    expect(
      pick(samples, "lifeline_poll_duration_seconds_bucket").map((sample) => [sample.labels.le, sample.value]),
    ).toEqual([["0.05", 0], ["0.1", 1], ["0.25", 1], ["0.5", 1], ["1", 2], ["2.5", 2], ["5", 2], ["10", 2], ["20", 2], ["30", 3], ["60", 3], ["+Inf", 4]]);
    expect(one("lifeline_poll_duration_seconds_count")).toBe(4);
    expect(one("lifeline_poll_duration_seconds_sum")).toBeCloseTo(120.78, 5);
    expect(one("lifeline_poll_errors_total", { reason: "timeout" })).toBe(1);
    expect(one("lifeline_poll_errors_total", { reason: "auth" })).toBe(1);
    expect(one("lifeline_poll_errors_total", { reason: "tls" })).toBe(0);
    expect(Object.fromEntries(pick(samples, "lifeline_heartbeats_total").map((sample) => [sample.labels.result, sample.value]))).toEqual({
      accepted: 7,
      duplicate: 2,
      rejected: 1,
    });
    expect(one("lifeline_test_transmissions_total", { result: "failed" })).toBe(1);
    expect(one("lifeline_test_transmissions_total", { result: "passed" })).toBe(0);
    expect(one("lifeline_alert_delivery_attempts_total", { channel_type: "webhook", result: "failed" })).toBe(2);
    expect(one("lifeline_alert_delivery_attempts_total", { channel_type: "webhook", result: "delivered" })).toBe(1);
    expect(one("lifeline_alert_delivery_attempts_total", { channel_type: "email", result: "failed" })).toBe(0);
    expect(one("lifeline_alert_outbox_depth")).toBe(1);
    expect(one("lifeline_alert_outbox_oldest_pending_seconds")).toBeGreaterThanOrEqual(0);
    await handle.db.prisma.alertChannel.delete({ where: { id: channel.id } });
  });

  it("shows worker liveness and how far polling lags", async () => {
    const now = Date.now();
    let { samples } = parseExposition((await scrape()).text);
    expect(pick(samples, "lifeline_workers_alive")[0].value).toBe(0);
    expect(pick(samples, "lifeline_worker_last_beat_seconds")).toEqual([]);
    // The seeded polled appliances were due at registration.
    expect(pick(samples, "lifeline_poll_lag_seconds")[0].value).toBeGreaterThanOrEqual(0);

    await handle.db.prisma.workerHeartbeat.createMany({
      data: [
        { workerId: "w-live", hostname: "h", pid: 1, startedAt: new Date(now - 60_000), beatAt: new Date(now - 2_000) },
        { workerId: "w-dead", hostname: "h", pid: 2, startedAt: new Date(now - 600_000), beatAt: new Date(now - 300_000) },
      ],
    });
    await handle.db.prisma.appliance.updateMany({ where: { mode: "polled" }, data: { nextPollAt: new Date(now - 90_000) } });
    ({ samples } = parseExposition((await scrape()).text));
    expect(pick(samples, "lifeline_workers_alive")[0].value).toBe(1);
    expect(pick(samples, "lifeline_worker_last_beat_seconds")[0].value).toBeGreaterThanOrEqual(2);
    expect(pick(samples, "lifeline_worker_last_beat_seconds")[0].value).toBeLessThan(60);
    expect(pick(samples, "lifeline_poll_lag_seconds")[0].value).toBeGreaterThanOrEqual(90);
    // A poll under way (its lease held) is not waiting for a worker; one whose lease ran out (a dead worker) is again.
    await handle.db.prisma.appliance.updateMany({ where: { mode: "polled" }, data: { leaseOwner: "w-live", leaseUntil: new Date(now + 60_000) } });
    ({ samples } = parseExposition((await scrape()).text));
    expect(pick(samples, "lifeline_poll_lag_seconds")[0].value).toBe(0);
    await handle.db.prisma.appliance.updateMany({ where: { mode: "polled" }, data: { leaseUntil: new Date(now - 1_000) } });
    ({ samples } = parseExposition((await scrape()).text));
    expect(pick(samples, "lifeline_poll_lag_seconds")[0].value).toBeGreaterThanOrEqual(90);
    await handle.db.prisma.appliance.updateMany({ where: { mode: "polled" }, data: { leaseOwner: null, leaseUntil: null } });
    await handle.db.prisma.appliance.updateMany({ where: { mode: "polled" }, data: { nextPollAt: new Date(now + 300_000) } });
    ({ samples } = parseExposition((await scrape()).text));
    expect(pick(samples, "lifeline_poll_lag_seconds")[0].value).toBe(0);
    await handle.db.prisma.workerHeartbeat.deleteMany();
  });

  it("passes promtool's lint of the exposition format, but for the countdown kept in days", async () => {
    // Lifeline's own families; prom-client's process metrics are its own business.
    const text = (await scrape()).text
      .split("\n")
      .filter((line) => /^(# (HELP|TYPE) )?lifeline_/.test(line))
      .join("\n");
    const child = execFile(PROMTOOL, ["check", "metrics"]);
    const output: string[] = [];
    child.stdout?.on("data", (chunk) => output.push(String(chunk)));
    child.stderr?.on("data", (chunk) => output.push(String(chunk)));
    const exit = new Promise<number | null>((resolve, reject) => {
      child.on("error", (error) => reject(new Error(`${PROMTOOL} could not run (${error.message}); install it with scripts/ensure-prometheus.sh`)));
      child.on("close", resolve);
    });
    child.stdin?.end(`${text}\n`);
    await exit;
    // DOMAIN.md counts the grace period in whole days and the REST API shows days: the one deliberate exception.
    expect(output.join("").trim().split("\n")).toEqual(['lifeline_appliance_days_until_disconnect use base unit "seconds" instead of "days"']);
  });

  it("answers the same through the Next.js route handler, streamed", async () => {
    const response = await metricsRoute.GET(new Request("http://lifeline.test/metrics", { headers: { authorization: `Bearer ${tokens.metrics}` } }));
    expect(response.status).toBe(200);
    const viaNext = parseExposition(await response.text()).samples.filter((sample) => sample.name.startsWith("lifeline_appliance_"));
    const viaListener = parseExposition((await scrape()).text).samples.filter((sample) => sample.name.startsWith("lifeline_appliance_"));
    expect(viaNext.map((sample) => [sample.name, sample.labels])).toEqual(viaListener.map((sample) => [sample.name, sample.labels]));
    const refused = await metricsRoute.GET(new Request("http://lifeline.test/metrics"));
    expect(refused.status).toBe(401);
  });

  it("is not served at all when switched off", async () => {
    const key = Symbol.for("lifeline.env");
    const cache = globalThis as unknown as Record<symbol, unknown>;
    const saved = cache[key];
    cache[key] = parseEnv({ ...process.env, LIFELINE_METRICS: "off" });
    try {
      const answer = await scrape();
      expect(answer.status).toBe(404);
      expect(answer.text).toMatch(/switched off \(LIFELINE_METRICS=off\)/);
    } finally {
      cache[key] = saved;
    }
  });
});

describe("metrics tokens", () => {
  it("open nothing but /metrics", async () => {
    const { authorize } = await import("@/lib/auth/authorize");
    const actor = { kind: "token" as const, id: "t", label: "token:prometheus", role: "metrics" as const };
    for (const role of ["viewer", "operator", "admin", "collector"] as const) expect(() => authorize(actor, role)).toThrow(/needs the .* role; you are metrics/);
    expect(() => authorize(actor, "metrics")).not.toThrow();
  });
});
