import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as catalogRoute from "@/app/api/v1/alert-catalog/route";
import * as captureRoute from "@/app/api/v1/appliances/[id]/capture/route";
import * as applianceRoute from "@/app/api/v1/appliances/[id]/route";
import * as appliancesRoute from "@/app/api/v1/appliances/route";
import * as heartbeatsRoute from "@/app/api/v1/heartbeats/route";
import { forgetAlertSightings } from "@/lib/alert-catalog/record-alert-sightings";
import { getApplianceView } from "@/lib/appliances/get-appliance";
import { importAppliancesCsv } from "@/lib/appliances/import-appliances-csv";
import { registerAppliance } from "@/lib/appliances/register-appliance";
import { updateAppliance } from "@/lib/appliances/update-appliance";
import { setDb } from "@/lib/db";
import { SessionCache } from "@/lib/poller/session-cache";
import { sweepDueAppliances } from "@/lib/poller/poll-sweep-job";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { updateSettings } from "@/lib/settings/update-settings";
import { runPendingTestTransmissions } from "@/lib/test-transmissions/run-test-transmissions-job";
import { scheduleTestTransmissions } from "@/lib/test-transmissions/schedule-test-transmissions";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { CAPTURE_FORMAT, parseCapture, type ZvmCapture } from "@/lib/zvm/capture";
import { startSimulator, type Simulator } from "@/simulator";
import { reportingTarget } from "../heartbeats/reporting-target";
import { callRoute, type Handler } from "../heartbeats/route-call";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { jobContext, simulatedApplianceInput, testAdmin, testViewer } from "../helpers/worker-context";

// The build items of issue 9 that sit around the ZVM client: sign-in choices
// at every edge, the alert catalogue (learning an unknown billing alert from
// the fleet), scheduled proof of send, and capture → replay of a site.

const DAY = 86_400_000;
const CAPTURED_AT = "2026-11-20T12:00:00.000Z";

/** A Linux ZVM raising a licence alert no default knows (LIC0099): the kind of gap the catalogue exists for. */
function unknownLicenceAlertCapture(): ZvmCapture {
  const site = "5b1e0c77-0d2e-4f5e-8a1b-2c3d4e5f6a7b";
  const json = (value: unknown) => JSON.stringify(value);
  return parseCapture(
    {
      format: CAPTURE_FORMAT,
      note: "Hand-made for this test: a licence alert whose identifier and wording Lifeline's defaults do not know.",
      capturedAt: CAPTURED_AT,
      authScheme: "linux",
      exchanges: [
        { method: "POST", path: "/auth/realms/zerto/protocol/openid-connect/token", status: 200, headers: {}, body: json({ access_token: "[redacted]", expires_in: 300 }) },
        { method: "GET", path: "/v1/serverDateTime/serverDateTimeUtc", status: 200, headers: {}, body: json(CAPTURED_AT) },
        { method: "GET", path: "/v1/localsite", status: 200, headers: {}, body: json({ SiteIdentifier: site, SiteName: "zvm-new", Version: "10.0.60" }) },
        { method: "GET", path: "/v1/license", status: 200, headers: {}, body: json({ Details: { LicenseType: "Cloud" } }) },
        {
          method: "GET",
          path: "/v1/alerts",
          status: 200,
          headers: {},
          body: json([
            {
              HelpIdentifier: "LIC0099",
              Level: "Warning",
              Entity: "License",
              Description: "Usage report upload to the billing service failed.",
              TurnedOn: new Date(Date.parse(CAPTURED_AT) - 3 * DAY + 3_600_000).toISOString(),
              IsDismissed: false,
              Site: { identifier: site, type: "LocalSiteApi" },
            },
          ]),
        },
        { method: "GET", path: "/v1/vras", status: 200, headers: {}, body: json([]) },
      ],
    },
    "unknown-licence-alert",
  );
}

describe.each(testDbKinds())("real ZVMs in operation (%s)", (kind) => {
  let sim: Simulator;
  let handle: TestDb;
  const sessions = new SessionCache(() => ({ connectTimeoutMs: 2_000, requestTimeoutMs: 4_000 }));
  const tokens: Record<string, string> = {};
  const sweep = () => sweepDueAppliances(jobContext(handle.db), sessions);
  const makeDue = () => handle.db.prisma.appliance.updateMany({ data: { nextPollAt: new Date() } });
  const runTests = () =>
    runPendingTestTransmissions({ db: handle.db, workerId: "test-worker", sessions, log: jobContext(handle.db).log, signal: new AbortController().signal });

  async function register(name: string, zvmId: string, extra: Record<string, unknown> = {}) {
    return registerAppliance(handle.db, testAdmin, simulatedApplianceInput(sim.get(zvmId), name, extra));
  }

  beforeAll(async () => {
    forgetAlertSightings();
    sim = await startSimulator({
      zvms: [
        { id: "scheduled", generation: "windows", scenario: "healthy" },
        { id: "forbidden", generation: "linux", scenario: "healthy", sendUsageResult: "forbidden" },
        { id: "capture-me", generation: "windows", scenario: "failing", failingDays: 6 },
        { id: "busy", generation: "linux", scenario: "healthy", transientEvery: 2 },
      ],
      replays: [{ capture: unknownLicenceAlertCapture(), id: "unknown-alert", name: "unknown-alert" }],
    });
    handle = await createTestDb(kind);
    setDb(handle.db);
    await updateSettings(handle.db, testAdmin, { pollTimeoutSeconds: 8 });
    for (const role of ["viewer", "admin"] as const) tokens[role] = (await createApiToken(handle.db, testAdmin, { name: `t-${role}`, role })).token;
  });

  afterAll(async () => {
    await sessions.closeAll();
    await handle?.drop();
    await sim?.close();
  });

  describe("the five sign-in choices", () => {
    it("are taken by REST, refused when unknown, and changed by PATCH", async () => {
      const body = (name: string, authScheme: string) => ({
        name,
        kind: "zvm",
        role: "production",
        mode: "polled",
        url: "https://zvm.example.net:9669",
        username: "svc",
        password: "pw",
        authScheme,
        tlsFingerprintSha256: "ab".repeat(32),
      });
      for (const scheme of ["auto", "windows", "windows-local", "linux", "linux-client"]) {
        const created = await callRoute(appliancesRoute.POST as Handler, { token: tokens.admin, body: body(`rest-${scheme}`, scheme) });
        expect(created.status).toBe(201);
        expect(created.json.authScheme).toBe(scheme);
      }
      const refused = await callRoute(appliancesRoute.POST as Handler, { token: tokens.admin, body: body("rest-kerberos", "kerberos") });
      expect(refused.status).toBe(422);
      expect(refused.json.error).toMatchObject({ field: "authScheme", message: expect.stringContaining("windows-local") });
      const request = new Request("http://lifeline.test/api/v1/appliances/rest-auto", {
        method: "PATCH",
        headers: { authorization: `Bearer ${tokens.admin}`, "content-type": "application/json" },
        body: JSON.stringify({ authScheme: "linux-client" }),
      });
      const patched = await (applianceRoute.PATCH as Handler)(request, { params: Promise.resolve({ id: "rest-auto" }) });
      expect(patched.status).toBe(200);
      expect((await patched.json()).authScheme).toBe("linux-client");
    });

    it("are taken by the CSV import", async () => {
      const result = await importAppliancesCsv(
        handle.db,
        testAdmin,
        [
          "name,kind,role,mode,url,username,password,authScheme,tlsFingerprintSha256,trustOnFirstUse,tenant,region,vcenter,labels",
          "csv-local,zvm,production,polled,https://10.0.0.1:9669,ZVM01\\monitor,pw,windows-local,,true,,,,",
          "csv-client,zvm,production,polled,https://10.0.0.2,lifeline-api,secret,linux-client,,true,,,,",
        ].join("\n"),
      );
      expect(result.errors).toEqual([]);
      expect((await getApplianceView(handle.db, testViewer, "csv-local")).authScheme).toBe("windows-local");
      expect((await getApplianceView(handle.db, testViewer, "csv-client")).authScheme).toBe("linux-client");
    });
  });

  describe("the alert catalogue", () => {
    it("learns an unknown billing alert from the fleet, and one click makes it count", async () => {
      const replay = sim.get("unknown-alert");
      const appliance = await registerAppliance(handle.db, testAdmin, {
        name: "unknown-alert",
        kind: "zvm",
        role: "production",
        mode: "polled",
        url: replay.url,
        username: "monitor",
        password: "pw",
        authScheme: "linux",
        tlsFingerprintSha256: replay.fingerprint,
      });
      await sweep();
      // Nothing Lifeline knows: the appliance reads ok, and the catalogue shows why to look.
      expect((await getApplianceView(handle.db, testViewer, appliance.id)).billingStatus).toBe("ok");
      const listed = await callRoute(catalogRoute.GET as Handler, { token: tokens.viewer });
      expect(listed.status).toBe(200);
      const item = listed.json.items.find((entry: { helpIdentifier: string }) => entry.helpIdentifier === "LIC0099");
      expect(item).toMatchObject({ entity: "License", level: "Warning", appliances: 1, recognisedAs: null, description: "Usage report upload to the billing service failed." });

      expect((await callRoute(catalogRoute.PATCH as Handler, { token: tokens.viewer, body: { helpIdentifier: "LIC0099", recognisedAs: "billing" } })).status).toBe(403);
      const bad = await callRoute(catalogRoute.PATCH as Handler, { token: tokens.admin, body: { helpIdentifier: "LIC0099", recognisedAs: "maybe" } });
      expect(bad).toMatchObject({ status: 422, json: { error: { field: "recognisedAs" } } });
      const marked = await callRoute(catalogRoute.PATCH as Handler, { token: tokens.admin, body: { helpIdentifier: "LIC0099", recognisedAs: "billing" } });
      expect(marked.status).toBe(200);
      expect((await getSettings(handle.db)).alertPatterns.billingHelpIdentifiers).toContain("LIC0099");
      expect(await handle.db.prisma.auditLog.count({ where: { action: "alert-catalog.mark", target: "alert:LIC0099" } })).toBe(1);

      await makeDue();
      await sweep();
      const view = await getApplianceView(handle.db, testViewer, appliance.id);
      expect(view.billingStatus).toBe("warning");
      expect(view.daysUntilDisconnect).toBe(12);
      const after = await callRoute(catalogRoute.GET as Handler, { token: tokens.viewer });
      expect(after.json.items.find((entry: { helpIdentifier: string }) => entry.helpIdentifier === "LIC0099").recognisedAs).toBe("billing");
    });

    it("learns from collectors' heartbeats too", async () => {
      const { applianceId, token } = await reportingTarget(handle.db, "reported-site");
      const answer = await callRoute(heartbeatsRoute.POST as Handler, {
        token,
        body: {
          applianceId,
          observedAt: new Date().toISOString(),
          billingAlert: { active: false },
          alerts: [{ helpIdentifier: "ZVM0003", entity: "Zvm", level: "Error", description: "No connection to site dr-ams." }],
        },
      });
      expect(answer).toMatchObject({ status: 200, json: { accepted: 1 } });
      const listed = await callRoute(catalogRoute.GET as Handler, { token: tokens.viewer });
      expect(listed.json.items.find((entry: { helpIdentifier: string }) => entry.helpIdentifier === "ZVM0003")).toMatchObject({ appliances: 1, recognisedAs: null });
    });
  });

  describe("scheduled proof of send", () => {
    it("tests a never-proven appliance after its first poll, once per window, audited as the scheduler", async () => {
      const appliance = await register("scheduled", "scheduled");
      const log = jobContext(handle.db).log;
      await sweep();
      await handle.db.prisma.testTransmission.deleteMany({});
      expect(await scheduleTestTransmissions(handle.db, log)).toBeGreaterThanOrEqual(1);
      const asked = await handle.db.prisma.testTransmission.findFirstOrThrow({ where: { applianceId: appliance.id } });
      expect(asked.requestedBy).toBe("scheduler");
      expect(await handle.db.prisma.auditLog.count({ where: { actor: "scheduler", action: "test-transmission.request", target: "appliance:scheduled" } })).toBe(1);
      await runTests();
      expect((await getApplianceView(handle.db, testViewer, appliance.id)).lastSuccessfulSendAt).not.toBeNull();
      // Proven now: not again within the window.
      await scheduleTestTransmissions(handle.db, log);
      expect(await handle.db.prisma.testTransmission.count({ where: { applianceId: appliance.id } })).toBe(1);
      // A proof older than the window brings the next one.
      await handle.db.prisma.appliance.update({ where: { id: appliance.id }, data: { lastSuccessfulSendAt: new Date(Date.now() - 25 * 3_600_000) } });
      await handle.db.prisma.testTransmission.updateMany({ where: { applianceId: appliance.id }, data: { requestedAt: new Date(Date.now() - 25 * 3_600_000) } });
      await scheduleTestTransmissions(handle.db, log);
      expect(await handle.db.prisma.testTransmission.count({ where: { applianceId: appliance.id } })).toBe(2);
      await runTests();
    });

    it("stops testing an appliance whose account may not send, until its credentials change", async () => {
      const appliance = await register("forbidden", "forbidden");
      const log = jobContext(handle.db).log;
      await sweep();
      await scheduleTestTransmissions(handle.db, log);
      await runTests();
      const [done] = await handle.db.prisma.testTransmission.findMany({ where: { applianceId: appliance.id } });
      expect(done).toMatchObject({ status: "error", detail: expect.stringContaining("may not send usage data (HTTP 403)") });
      const view = await getApplianceView(handle.db, testViewer, appliance.id);
      expect(view.sendForbiddenAt).not.toBeNull();
      // Never evidence of a billing failure.
      expect(view.billingStatus).toBe("ok");
      expect(view.failingSince).toBeNull();
      await handle.db.prisma.testTransmission.updateMany({ where: { applianceId: appliance.id }, data: { requestedAt: new Date(Date.now() - 2 * DAY) } });
      await scheduleTestTransmissions(handle.db, log);
      expect(await handle.db.prisma.testTransmission.count({ where: { applianceId: appliance.id } })).toBe(1);
      await updateAppliance(handle.db, testAdmin, appliance.id, { username: "another-account" });
      expect((await getApplianceView(handle.db, testViewer, appliance.id)).sendForbiddenAt).toBeNull();
    });

    it("keeps at most pollConcurrency scheduled tests open", async () => {
      await updateSettings(handle.db, testAdmin, { pollConcurrency: 1 });
      try {
        await handle.db.prisma.testTransmission.deleteMany({});
        await handle.db.prisma.appliance.updateMany({ data: { lastSuccessfulSendAt: null, sendForbiddenAt: null, lastDataAt: new Date() } });
        expect(await scheduleTestTransmissions(handle.db, jobContext(handle.db).log)).toBe(1);
        expect(await scheduleTestTransmissions(handle.db, jobContext(handle.db).log)).toBe(0);
      } finally {
        await handle.db.prisma.testTransmission.deleteMany({});
        await updateSettings(handle.db, testAdmin, { pollConcurrency: 64 });
      }
    });
  });

  describe("capture and replay", () => {
    it("captures a site without a secret, and its replay reads the same", async () => {
      const zvm = sim.get("capture-me");
      const live = await register("capture-me", "capture-me");
      await makeDue();
      await sweep();
      const liveView = await getApplianceView(handle.db, testViewer, live.id);
      expect(liveView.billingStatus).toBe("warning");

      const answer = await callRoute(captureRoute.POST as Handler, { token: tokens.admin, params: { id: live.id } });
      expect(answer.status).toBe(200);
      const capture = parseCapture(answer.json, "answer");
      const text = JSON.stringify(capture);
      expect(text).not.toContain(zvm.password);
      expect(text).not.toMatch(/"x-zerto-session":"(?!\[redacted\])/);
      expect(text).not.toContain("SIMULATED");
      expect(capture.exchanges.map((exchange) => `${exchange.method} ${exchange.path}`)).toEqual(
        expect.arrayContaining(["POST /v1/session/add", "GET /v1/localsite", "GET /v1/license", "GET /v1/alerts", "GET /v1/vras", "GET /v1/serverDateTime/serverDateTimeUtc"]),
      );
      expect(capture.expected).toMatchObject({ billingStatus: "warning", daysUntilDisconnect: liveView.daysUntilDisconnect });
      expect((await callRoute(captureRoute.POST as Handler, { token: tokens.viewer, params: { id: live.id } })).status).toBe(403);

      const replaySim = await startSimulator({ zvms: [], replays: [{ capture, id: "again", name: "again" }] });
      try {
        const again = await registerAppliance(handle.db, testAdmin, {
          name: "capture-replayed",
          kind: "zvm",
          role: "production",
          mode: "polled",
          url: replaySim.get("again").url,
          username: "anyone",
          password: "anything",
          authScheme: "windows",
          tlsFingerprintSha256: replaySim.fingerprint,
        });
        await sweep();
        const replayed = await getApplianceView(handle.db, testViewer, again.id);
        expect(replayed).toMatchObject({
          billingStatus: liveView.billingStatus,
          daysUntilDisconnect: liveView.daysUntilDisconnect,
          migrationReadiness: liveView.migrationReadiness,
          version: liveView.version,
          licenseType: liveView.licenseType,
          vras: liveView.vras,
        });
        expect(Math.abs(Date.parse(replayed.failingSince!) - Date.parse(liveView.failingSince!))).toBeLessThan(60_000);
      } finally {
        await replaySim.close();
      }
    });
  });

  it("rides out a ZVM that answers every other call with 503", async () => {
    const appliance = await register("busy", "busy", { authScheme: "linux" });
    await sweep();
    const view = await getApplianceView(handle.db, testViewer, appliance.id);
    expect(view.lastPollError).toBeNull();
    expect(view.billingStatus).toBe("ok");
  });
});
