import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as heartbeatsRoute from "@/app/api/v1/heartbeats/route";
import * as resultRoute from "@/app/api/v1/test-transmissions/[id]/result/route";
import { getApplianceView } from "@/lib/appliances/get-appliance";
import { registerAppliance } from "@/lib/appliances/register-appliance";
import { setDb } from "@/lib/db";
import { refreshStoredViews } from "@/lib/poller/maintenance-jobs";
import { getTestTransmission } from "@/lib/test-transmissions/get-test-transmission";
import { requestTestTransmission } from "@/lib/test-transmissions/request-test-transmission";
import { expireCollectorCommands } from "@/lib/test-transmissions/run-test-transmissions-job";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { testAdmin, testOperator, testViewer } from "../helpers/worker-context";
import { callRoute, type Handler } from "./route-call";
import { waitFor } from "../../helpers/wait-for";

const DAY = 86_400_000;
const ingest = heartbeatsRoute.POST as unknown as Handler;
const postResult = resultRoute.POST as unknown as Handler;

describe.each(testDbKinds())("heartbeat ingest (%s)", (kind) => {
  let handle: TestDb;
  const tokens: Record<string, string> = {};
  let serial = 0;

  async function reportingAppliance(tags: Record<string, unknown> = { region: "ams" }, mode = "reporting") {
    serial += 1;
    return registerAppliance(handle.db, testAdmin, {
      name: `hb-${kind}-${serial}`,
      kind: "zvm",
      role: "production",
      mode,
      url: "https://zvm.example.net:9669",
      ...(mode === "polled" ? { username: "svc", password: "pw", tlsFingerprintSha256: "ab".repeat(32) } : {}),
      tags,
    });
  }
  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
  const send = (body: unknown, token = tokens.ams, headers?: Record<string, string>) => callRoute(ingest, { token, body, headers });
  const heartbeatCount = (applianceId: string) => handle.db.prisma.heartbeat.count({ where: { applianceId } });
  const view = (id: string, now?: Date) => getApplianceView(handle.db, testViewer, id, now);

  beforeAll(async () => {
    handle = await createTestDb(kind);
    setDb(handle.db);
    const make = async (name: string, scope?: unknown, role = "collector") =>
      (await createApiToken(handle.db, testAdmin, { name, role, ...(scope ? { scope } : {}) })).token;
    tokens.ams = await make("collector-ams", { tags: ["ams"] });
    tokens.acme = await make("collector-acme", { tags: ["tenant:acme"] });
    tokens.unscoped = await make("collector-none");
    tokens.viewer = await make("viewer", undefined, "viewer");
  });

  afterAll(async () => {
    setDb(null);
    await handle?.drop();
  });

  it("shows a failing ZVM's countdown, site facts and clock skew from one heartbeat", async () => {
    const appliance = await reportingAppliance();
    const observedAt = ago(2_000);
    const answer = await send({
      applianceId: appliance.id,
      observedAt,
      version: "9.7.10",
      licenseType: "Cloud",
      siteName: "AMS-1",
      billingAlert: { active: true, turnedOn: ago(7 * DAY) },
      disconnectionAlert: { active: false },
      zvmClockUtc: new Date(Date.parse(observedAt) + 120_000).toISOString(),
    });
    expect(answer).toEqual({ status: 200, json: { accepted: 1, duplicates: 0, rejected: [], commands: [] } });
    const shown = await view(appliance.id);
    expect(shown).toMatchObject({ billingStatus: "warning", daysUntilDisconnect: 7, siteName: "AMS-1", version: "9.7.10", clockSkewSeconds: 120 });
    expect(shown.lastPolledAt).toBe(new Date(observedAt).toISOString());
    expect(shown.statusReasons.map((reason) => reason.code)).toContain("clock-skew");
    const stored = await handle.db.prisma.appliance.findUniqueOrThrow({ where: { id: appliance.id } });
    expect(stored.billingStatus).toBe("warning");
    expect(stored.lastBillingAlertSeenAt?.toISOString()).toBe(new Date(observedAt).toISOString());
  });

  it("keeps the good items of a batch, names the bad ones by index and field, and stores nothing invalid", async () => {
    const appliance = await reportingAppliance();
    const good = (offset: number) => ({ applianceId: appliance.id, observedAt: ago(offset) });
    const answer = await send({
      heartbeats: [
        good(3_000),
        { ...good(2_000), billingAlert: { active: "yes" } },
        good(1_000),
        { ...good(500), observedAt: "2031-01-01T00:00:00Z" },
        "not a heartbeat",
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.json.accepted).toBe(2);
    expect(answer.json.rejected).toEqual([
      { index: 1, field: "billingAlert.active", error: "billingAlert.active: must be true or false" },
      { index: 3, field: "observedAt", error: expect.stringMatching(/^observedAt: is in the future/) },
      { index: 4, error: expect.stringMatching(/object/) },
    ]);
    expect(await heartbeatCount(appliance.id)).toBe(2);
  });

  it("answers 422 naming the item and field when nothing in the body could be taken", async () => {
    const appliance = await reportingAppliance();
    const single = await send({ applianceId: appliance.id, observedAt: "yesterday" });
    expect(single.status).toBe(422);
    expect(single.json.error).toMatchObject({ code: "invalid", field: "observedAt" });
    expect(single.json.error.message).toMatch(/^observedAt: must be an ISO 8601 time/);
    const batch = await send({ heartbeats: [{ applianceId: appliance.id, observedAt: ago(1_000), version: 9 }] });
    expect(batch.status).toBe(422);
    expect(batch.json.error).toMatchObject({ field: "heartbeats.0.version", message: "heartbeats.0.version: must be a string" });
    expect(batch.json.rejected).toHaveLength(1);
    const polled = await reportingAppliance({ region: "ams" }, "polled");
    const wrongMode = await send({ applianceId: polled.id, observedAt: ago(1_000) });
    expect(wrongMode.status).toBe(422);
    expect(wrongMode.json.error.message).toMatch(/is polled, not reporting/);
    expect(await heartbeatCount(appliance.id)).toBe(0);
    expect(await heartbeatCount(polled.id)).toBe(0);
  });

  it("counts the same heartbeat once, and never lets an older one overwrite newer state", async () => {
    const appliance = await reportingAppliance();
    const newer = { applianceId: appliance.id, observedAt: ago(10_000), version: "9.5.0", billingAlert: { active: false }, newEndpointReachability: "reachable" };
    const older = { applianceId: appliance.id, observedAt: ago(60_000), version: "9.0.0", billingAlert: { active: true, turnedOn: ago(3 * DAY) }, newEndpointReachability: "unreachable" };
    expect((await send(newer)).json).toMatchObject({ accepted: 1, duplicates: 0 });
    expect((await send({ heartbeats: [newer, older, older] })).json).toMatchObject({ accepted: 1, duplicates: 2, rejected: [] });
    expect(await heartbeatCount(appliance.id)).toBe(2);
    const shown = await view(appliance.id);
    expect(shown).toMatchObject({ version: "9.5.0", billingStatus: "ok", failingSince: null, newEndpointReachability: "reachable" });
    const stored = await handle.db.prisma.appliance.findUniqueOrThrow({ where: { id: appliance.id } });
    expect(stored.lastDataAt?.toISOString()).toBe(new Date(newer.observedAt).toISOString());
    // Seen active at the older time still counts as "seen": it only moves forward.
    expect(stored.lastBillingAlertSeenAt?.toISOString()).toBe(new Date(older.observedAt).toISOString());
  });

  it("takes reported sends as evidence from the collector, whatever their order", async () => {
    const appliance = await reportingAppliance();
    const failedAt = ago(2 * DAY);
    const passedAt = ago(DAY);
    await send({ applianceId: appliance.id, observedAt: ago(5_000), licenseType: "Cloud", lastSend: { result: "passed", at: passedAt } });
    await send({ applianceId: appliance.id, observedAt: ago(9_000), lastSend: { result: "failed", at: failedAt } });
    const shown = await view(appliance.id);
    expect(shown).toMatchObject({ billingStatus: "ok", lastSuccessfulSendAt: new Date(passedAt).toISOString(), lastSuccessfulSendSource: "collector", failingSince: null });
    const laterFailure = ago(1_000);
    await send({ applianceId: appliance.id, observedAt: ago(500), lastSend: { result: "failed", at: laterFailure } });
    expect((await view(appliance.id)).failingSince).toBe(new Date(laterFailure).toISOString());
  });

  it("shows the 9.0 endpoint reachability a collector probed for a ZVM before 9.0", async () => {
    const appliance = await reportingAppliance();
    await send({ applianceId: appliance.id, observedAt: ago(1_000), version: "8.5.20", licenseType: "Cloud", newEndpointReachability: "unreachable" });
    expect(await view(appliance.id)).toMatchObject({ migrationReadiness: "pending-upgrade", newEndpointReachability: "unreachable" });
  });

  it("goes stale when heartbeats stop, as a polled appliance does when polls fail", async () => {
    const appliance = await reportingAppliance();
    await send({ applianceId: appliance.id, observedAt: ago(1_000), licenseType: "Cloud", billingAlert: { active: false } });
    expect((await view(appliance.id)).billingStatus).toBe("ok");
    // Default staleness: 3 poll intervals of 300 s.
    const later = new Date(Date.now() + 16 * 60_000);
    expect((await view(appliance.id, later)).billingStatus).toBe("stale");
    await refreshStoredViews(handle.db, later);
    expect((await handle.db.prisma.appliance.findUniqueOrThrow({ where: { id: appliance.id } })).billingStatus).toBe("stale");
  });

  it("keeps the stored status (what the fleet list sorts by) in step with what each heartbeat changes", async () => {
    const appliance = await reportingAppliance();
    const stored = async () => (await handle.db.prisma.appliance.findUniqueOrThrow({ where: { id: appliance.id } })).billingStatus;
    const beat = (msAgo: number, billingAlert: { active: boolean; turnedOn?: string }) =>
      send({ applianceId: appliance.id, observedAt: ago(msAgo), version: "9.7.10", licenseType: "Cloud", billingAlert });
    await beat(50_000, { active: false });
    expect(await stored()).toBe("ok");
    // The clock alone made it stale (the refresh job's part); the next heartbeat brings it back.
    await refreshStoredViews(handle.db, new Date(Date.now() + 16 * 60_000));
    expect(await stored()).toBe("stale");
    await beat(40_000, { active: false });
    expect(await stored()).toBe("ok");
    await beat(30_000, { active: true, turnedOn: ago(3 * DAY) });
    expect(await stored()).toBe("warning");
    await beat(20_000, { active: true, turnedOn: ago(3 * DAY) });
    expect(await stored()).toBe("warning");
    await beat(10_000, { active: false });
    expect(await stored()).toBe("ok");
  });

  it("refuses, whole, a report for an appliance outside the token's scope", async () => {
    const inScope = await reportingAppliance({ region: "ams" });
    const outside = await reportingAppliance({ region: "fra", tenant: "acme" });
    const answer = await send({ heartbeats: [{ applianceId: inScope.id, observedAt: ago(1_000) }, { applianceId: outside.id, observedAt: ago(1_000) }] });
    expect(answer.status).toBe(403);
    expect(answer.json.error.field).toBe("heartbeats.1.applianceId");
    expect(answer.json.rejected).toEqual([{ index: 1, field: "applianceId", error: expect.stringMatching(/outside this collector's scope/) }]);
    expect(await heartbeatCount(inScope.id)).toBe(0);
    expect(await heartbeatCount(outside.id)).toBe(0);
    // An appliance that does not exist is answered the same way: the token learns nothing about ids it may not see.
    const unknown = await send({ heartbeats: [{ applianceId: inScope.id, observedAt: ago(1_000) }, { applianceId: crypto.randomUUID(), observedAt: ago(1_000) }] });
    expect([unknown.status, unknown.json.error.code, unknown.json.error.field]).toEqual([answer.status, answer.json.error.code, answer.json.error.field]);
    expect(unknown.json.rejected).toEqual([{ index: 1, field: "applianceId", error: expect.stringMatching(/is unknown or outside this collector's scope/) }]);
    expect(await heartbeatCount(inScope.id)).toBe(0);
    expect((await send({ applianceId: outside.id, observedAt: ago(1_000) }, tokens.unscoped)).status).toBe(403);
    // "tenant:acme" matches the tenant only.
    expect((await send({ applianceId: outside.id, observedAt: ago(1_000) }, tokens.acme)).status).toBe(200);
    expect((await send({ applianceId: inScope.id, observedAt: ago(1_000) }, tokens.acme)).status).toBe(403);
  });

  it("answers 401 without a valid token and 403 to other roles", async () => {
    const appliance = await reportingAppliance();
    const body = { applianceId: appliance.id, observedAt: ago(1_000) };
    expect((await send(body, "ll_unknown")).status).toBe(401);
    expect((await callRoute(ingest, { body })).status).toBe(401);
    expect((await send(body, tokens.viewer)).status).toBe(403);
    expect(await heartbeatCount(appliance.id)).toBe(0);
  });

  it("sends the alert patterns only when the collector's copy differs", async () => {
    const appliance = await reportingAppliance();
    const first = await send({ heartbeats: [] }, tokens.ams, { "x-lifeline-alert-patterns": "" });
    expect(first.json.alertPatterns.patterns.billingDescriptionPatterns).toContain("did not send site usage information");
    const again = await send({ applianceId: appliance.id, observedAt: ago(1_000) }, tokens.ams, { "x-lifeline-alert-patterns": first.json.alertPatterns.version });
    expect(again.json.alertPatterns).toBeUndefined();
  });

  it("hands a reporting appliance's test transmission to its collector and records the result", async () => {
    const appliance = await reportingAppliance();
    await send({ applianceId: appliance.id, observedAt: ago(5_000), licenseType: "Cloud", billingAlert: { active: true, turnedOn: ago(2 * DAY) } });
    const { transmission } = await requestTestTransmission(handle.db, testOperator, appliance.id);
    expect(transmission.status).toBe("pending");
    // The next heartbeat answer carries the command (the open-command list is read at most once a second).
    let attempt = 0;
    const commands = await waitFor(
      "a heartbeat answer carrying the command",
      async () => {
        attempt += 1;
        const answer = await send({ applianceId: appliance.id, observedAt: ago(4_000 - attempt * 50) });
        const listed: { id: string; resultUrl: string }[] = answer.json.commands;
        return listed.length > 0 ? listed : null;
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(commands).toEqual([expect.objectContaining({ type: "test-transmission", id: transmission.id, applianceId: appliance.id, resultUrl: `/api/v1/test-transmissions/${transmission.id}/result` })]);
    expect((await getTestTransmission(handle.db, testViewer, transmission.id)).status).toBe("running");

    const result = { result: "passed", detail: "sent", at: new Date().toISOString() };
    expect((await callRoute(postResult, { token: tokens.acme, params: { id: transmission.id }, body: result })).status).toBe(403);
    const stored = await callRoute(postResult, { token: tokens.ams, params: { id: transmission.id }, body: result });
    expect(stored.status).toBe(200);
    expect(stored.json).toMatchObject({ status: "passed", detail: "sent" });
    // A retry of the same outcome is answered as before; a different one conflicts.
    expect((await callRoute(postResult, { token: tokens.ams, params: { id: transmission.id }, body: result })).status).toBe(200);
    expect((await callRoute(postResult, { token: tokens.ams, params: { id: transmission.id }, body: { ...result, result: "failed" } })).status).toBe(409);
    expect(await view(appliance.id)).toMatchObject({ lastSuccessfulSendSource: "collector", billingStatus: "ok", failingSince: null });
    const audit = await handle.db.prisma.auditLog.findFirst({ where: { action: "test-transmission.result", target: `appliance:${appliance.name}` } });
    expect(audit).toMatchObject({ actor: "token:collector-ams", result: "passed" });
  });

  it("validates a collector's result and refuses one for a command it was not handed", async () => {
    const appliance = await reportingAppliance();
    const { transmission } = await requestTestTransmission(handle.db, testOperator, appliance.id);
    const bad = await callRoute(postResult, { token: tokens.ams, params: { id: transmission.id }, body: { result: "maybe", at: new Date().toISOString() } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.field).toBe("result");
    const notHanded = await callRoute(postResult, { token: tokens.ams, params: { id: transmission.id }, body: { result: "passed", at: new Date().toISOString() } });
    expect(notHanded.status).toBe(409);
    // A test transmission that does not exist is answered as one outside the token's scope.
    const unknown = await callRoute(postResult, { token: tokens.ams, params: { id: crypto.randomUUID() }, body: { result: "passed", at: new Date().toISOString() } });
    const foreign = await callRoute(postResult, { token: tokens.acme, params: { id: transmission.id }, body: { result: "passed", at: new Date().toISOString() } });
    expect([unknown.status, unknown.json.error]).toEqual([403, foreign.json.error]);
  });

  it("ends a command no collector picked up as 'collector did not respond'", async () => {
    const appliance = await reportingAppliance();
    const { transmission } = await requestTestTransmission(handle.db, testOperator, appliance.id);
    await expireCollectorCommands(handle.db, 600, new Date(Date.now() + 601_000));
    expect(await getTestTransmission(handle.db, testViewer, transmission.id)).toMatchObject({ status: "error", detail: "collector did not respond" });
  });
});
