import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as acknowledgeRoute from "@/app/api/v1/alerts/[id]/acknowledge/route";
import * as alertRoute from "@/app/api/v1/alerts/[id]/route";
import * as alertsRoute from "@/app/api/v1/alerts/route";
import * as channelRoute from "@/app/api/v1/channels/[id]/route";
import * as channelTestRoute from "@/app/api/v1/channels/[id]/test/route";
import * as channelsRoute from "@/app/api/v1/channels/route";
import * as silenceRoute from "@/app/api/v1/silences/[id]/route";
import * as silencesRoute from "@/app/api/v1/silences/route";
import { evaluateDueAppliances } from "@/lib/alerts/evaluate-alerts";
import { sealPassword } from "@/lib/appliances/appliance-secrets";
import { setDb } from "@/lib/db";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { testAdmin } from "../helpers/worker-context";
import { startChatReceiver, type HttpReceiver } from "./receivers";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const SLACK_SECRET_PATH = "/services/T000/B000/very-secret-token";

describe.each(testDbKinds())("alerting REST API (%s)", (kind) => {
  let handle: TestDb;
  let receiver: HttpReceiver;
  const tokens: Record<string, string> = {};
  let applianceId = "";

  async function call(handler: unknown, options: { method?: string; token?: string | null; body?: unknown; params?: Record<string, string>; query?: string } = {}) {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? tokens.admin : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const response = await (handler as Handler)(
      new Request(`http://lifeline.test/api/v1/x${options.query ?? ""}`, {
        method: options.method ?? "GET",
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      }),
      { params: Promise.resolve(options.params ?? {}) },
    );
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null, text };
  }

  beforeAll(async () => {
    [handle, receiver] = await Promise.all([createTestDb(kind), startChatReceiver()]);
    setDb(handle.db);
    for (const role of ["viewer", "operator", "admin"] as const) {
      tokens[role] = (await createApiToken(handle.db, testAdmin, { name: `alerts-${role}`, role })).token;
    }
    const now = new Date();
    const appliance = await handle.db.prisma.appliance.create({
      data: {
        name: "zvm-api-01",
        kind: "zvm",
        role: "production",
        mode: "reporting",
        url: "https://zvm.example.net",
        username: "",
        passwordSealed: sealPassword("unused"),
        tenant: "acme",
        version: "8.5.20",
        licenseType: "Cloud",
        lastDataAt: now,
        alertsObservedAt: now,
        billingAlertActive: true,
        billingAlertTurnedOn: new Date(now.getTime() - 3 * 86_400_000),
        disconnectionAlertActive: false,
      },
    });
    applianceId = appliance.id;
    await evaluateDueAppliances(handle.db, { now });
  });

  afterAll(async () => {
    setDb(null);
    await Promise.all([handle?.drop(), receiver?.close()]);
  });

  it("lists alerts for any signed-in role, filtered, and answers 401 to nobody", async () => {
    expect((await call(alertsRoute.GET, { token: null })).status).toBe(401);
    const { status, json } = await call(alertsRoute.GET, { token: tokens.viewer, query: "?condition=billing" });
    expect(status).toBe(200);
    expect(json.items).toEqual([
      expect.objectContaining({
        condition: "billing",
        conditionLabel: "Billing failing",
        status: "open",
        step: "started",
        severity: "warning",
        dedupKey: `appliance:${applianceId}:billing`,
        appliance: { id: applianceId, name: "zvm-api-01", tenant: "acme", region: null },
        silencedUntil: null,
      }),
    ]);
    const bad = await call(alertsRoute.GET, { token: tokens.viewer, query: "?status=closed" });
    expect(bad).toMatchObject({ status: 422, json: { error: { field: expect.stringMatching(/^status/) } } });
  });

  it("acknowledges for operators only, once, and not a resolved alert", async () => {
    const [alert] = (await call(alertsRoute.GET, { query: "?condition=billing" })).json.items;
    expect((await call(acknowledgeRoute.POST, { method: "POST", token: tokens.viewer, params: { id: alert.id } })).status).toBe(403);
    const acknowledged = await call(acknowledgeRoute.POST, { method: "POST", token: tokens.operator, params: { id: alert.id } });
    expect(acknowledged).toMatchObject({ status: 200, json: { status: "acknowledged", acknowledgedBy: "token:alerts-operator" } });
    const detail = await call(alertRoute.GET, { token: tokens.viewer, params: { id: alert.id } });
    expect(detail.json.events.map((event: { step: string }) => event.step)).toEqual(["started", "acknowledged"]);
    expect((await call(acknowledgeRoute.POST, { method: "POST", params: { id: "00000000-0000-4000-8000-000000000000" } })).status).toBe(404);

    await handle.db.prisma.appliance.update({ where: { id: applianceId }, data: { billingAlertActive: false, billingAlertTurnedOn: null, lastDataAt: new Date(), alertsObservedAt: new Date() } });
    await evaluateDueAppliances(handle.db);
    const resolved = await call(acknowledgeRoute.POST, { method: "POST", params: { id: alert.id } });
    expect(resolved).toMatchObject({ status: 409, json: { error: { code: "invalid_state" } } });
  });

  it("lets operators read channels, keeps changes to admins, never answers with a secret, and stores secrets sealed", async () => {
    const url = `${receiver.url}${SLACK_SECRET_PATH}`;
    expect((await call(channelsRoute.GET, { token: tokens.viewer })).status).toBe(403);
    expect((await call(channelsRoute.GET, { token: tokens.operator })).status).toBe(200);
    expect((await call(channelsRoute.POST, { method: "POST", token: tokens.operator, body: { type: "slack", name: "noc", url } })).status).toBe(403);
    const refused = await call(channelsRoute.POST, { method: "POST", body: { type: "slack", name: "noc", url } });
    expect(refused).toMatchObject({ status: 422, json: { error: { field: "url", message: expect.stringContaining("loopback") } } });
    expect((await call(channelsRoute.POST, { method: "POST", body: { type: "fax", name: "noc" } })).json.error.field).toBe("type");

    await handle.db.prisma.setting.deleteMany({ where: { key: "settings" } });
    const allowed = await call((await import("@/app/api/v1/settings/route")).PATCH, {
      method: "PATCH",
      body: { alerting: { allowedTargets: ["127.0.0.0/8"] } },
    });
    expect(allowed.status).toBe(200);
    const created = await call(channelsRoute.POST, { method: "POST", body: { type: "slack", name: "noc", url, routes: [{ minSeverity: "critical", tag: "tenant:acme" }] } });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ type: "slack", target: `${receiver.url}/…`, routes: [{ minSeverity: "critical", tag: "tenant:acme", conditions: [] }] });
    expect(created.text).not.toContain("very-secret-token");
    const row = await handle.db.prisma.alertChannel.findUniqueOrThrow({ where: { id: created.json.id } });
    expect(JSON.stringify(row)).not.toContain("very-secret-token");

    const id = created.json.id as string;
    const other = await call(channelRoute.PATCH, { method: "PATCH", params: { id }, body: { routingKey: "abc" } });
    expect(other).toMatchObject({ status: 422, json: { error: { field: "routingKey", message: "routingKey: only pagerduty channels have it" } } });
    const renamed = await call(channelRoute.PATCH, { method: "PATCH", params: { id }, body: { name: "noc-slack", routes: [{ minSeverity: "warning" }, { minSeverity: "info", conditions: ["stale"] }] } });
    expect(renamed).toMatchObject({ status: 200, json: { name: "noc-slack", routes: [{ minSeverity: "warning", tag: null }, { minSeverity: "info", conditions: ["stale"] }] } });

    const tested = await call(channelTestRoute.POST, { method: "POST", params: { id } });
    expect(tested).toMatchObject({ status: 200, json: { ok: true, detail: "http 200" } });
    expect(receiver.received.at(-1)?.headers).toBeDefined();
    expect((await call(channelRoute.GET, { params: { id } })).json.lastTestResult).toBe("ok: http 200");

    expect((await call(channelRoute.DELETE, { method: "DELETE", params: { id } })).status).toBe(204);
    expect((await call(channelRoute.GET, { params: { id } })).status).toBe(404);
  });

  it("lets operators silence and end silences; needs a matcher and an end", async () => {
    const body = { applianceId, durationMinutes: 60, reason: "patching" };
    expect((await call(silencesRoute.POST, { method: "POST", token: tokens.viewer, body })).status).toBe(403);
    expect((await call(silencesRoute.POST, { method: "POST", token: tokens.operator, body: { durationMinutes: 60, reason: "x" } })).json.error.field).toBe("applianceId");
    expect((await call(silencesRoute.POST, { method: "POST", token: tokens.operator, body: { tag: "tenant:acme", reason: "x" } })).json.error.field).toBe("endsAt");
    const created = await call(silencesRoute.POST, { method: "POST", token: tokens.operator, body });
    expect(created).toMatchObject({ status: 201, json: { kind: "silence", active: true, createdBy: "token:alerts-operator", appliance: { id: applianceId, name: "zvm-api-01" } } });
    const start = new Date(Date.now() + 86_400_000).toISOString();
    const window = await call(silencesRoute.POST, { method: "POST", token: tokens.operator, body: { kind: "maintenance", tag: "tenant:acme", startsAt: start, durationMinutes: 120, reason: "upgrade" } });
    expect(window).toMatchObject({ status: 201, json: { kind: "maintenance", active: false, startsAt: start } });
    const listed = await call(silencesRoute.GET, { token: tokens.viewer });
    expect(listed.json.items.map((item: { kind: string }) => item.kind)).toEqual(["silence", "maintenance"]);

    const ended = await call(silenceRoute.DELETE, { method: "DELETE", token: tokens.operator, params: { id: created.json.id } });
    expect(ended).toMatchObject({ status: 200, json: { active: false } });
    expect((await call(silenceRoute.DELETE, { method: "DELETE", token: tokens.operator, params: { id: created.json.id } })).status).toBe(409);
    expect((await call(silencesRoute.GET, { token: tokens.viewer })).json.items.map((item: { kind: string }) => item.kind)).toEqual(["maintenance"]);
  });
});
