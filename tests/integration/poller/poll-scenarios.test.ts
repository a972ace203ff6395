import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getApplianceView } from "@/lib/appliances/get-appliance";
import { registerAppliance } from "@/lib/appliances/register-appliance";
import { retrustCertificate } from "@/lib/appliances/retrust-certificate";
import { SessionCache } from "@/lib/poller/session-cache";
import { sweepDueAppliances } from "@/lib/poller/poll-sweep-job";
import { updateSettings } from "@/lib/settings/update-settings";
import { getTestTransmission } from "@/lib/test-transmissions/get-test-transmission";
import { requestTestTransmission } from "@/lib/test-transmissions/request-test-transmission";
import { runPendingTestTransmissions } from "@/lib/test-transmissions/run-test-transmissions-job";
import { startSimulator, type Simulator, type ZvmSpec } from "@/simulator";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { jobContext, testAdmin, testOperator, testViewer } from "../helpers/worker-context";

const DAY = 86_400_000;

const fleet: ZvmSpec[] = [
  { id: "healthy-linux", generation: "linux", scenario: "healthy" },
  { id: "healthy-windows", generation: "windows", scenario: "healthy" },
  { id: "failing-7", generation: "linux", scenario: "failing", failingDays: 7 },
  { id: "failing-12", generation: "windows", scenario: "failing", failingDays: 12 },
  { id: "disconnected", generation: "linux", scenario: "disconnected" },
  { id: "pre-9", generation: "windows", scenario: "pre-9" },
  { id: "trial", generation: "linux", scenario: "trial" },
  { id: "nfr-test", generation: "linux", scenario: "nfr" },
  { id: "skewed", generation: "linux", scenario: "clock-skew", skewSeconds: 300 },
  { id: "broken", generation: "linux", scenario: "flaky", flakyRate: 1 },
  { id: "slow", generation: "linux", scenario: "slow", delayMs: 5_000 },
  { id: "fixable", generation: "linux", scenario: "failing", failingDays: 3, sendUsageResult: "passed" },
  { id: "unfixable", generation: "windows", scenario: "failing", failingDays: 3, sendUsageResult: "failed" },
  { id: "rotating", generation: "linux", scenario: "cert-change", dedicatedPort: true },
];

describe.each(testDbKinds())("polling the simulator (%s)", (kind) => {
  let sim: Simulator;
  let handle: TestDb;
  const sessions = new SessionCache(() => ({ connectTimeoutMs: 2_000, requestTimeoutMs: 3_000 }));
  const ids = new Map<string, string>();
  const view = (simId: string) => getApplianceView(handle.db, testViewer, ids.get(simId)!);
  const sweep = () => sweepDueAppliances(jobContext(handle.db), sessions);
  const makeDue = () => handle.db.prisma.appliance.updateMany({ data: { nextPollAt: new Date() } });

  beforeAll(async () => {
    sim = await startSimulator({ zvms: fleet, seed: 7 });
    handle = await createTestDb(kind);
    await updateSettings(handle.db, testAdmin, { pollTimeoutSeconds: 3, pollConcurrency: 8 });
    for (const zvm of sim.list()) {
      const appliance = await registerAppliance(handle.db, testAdmin, {
        name: `sim-${zvm.id}`,
        kind: "zvm",
        role: zvm.id === "nfr-test" ? "test" : "production",
        mode: "polled",
        url: zvm.url,
        username: zvm.username,
        password: zvm.password,
        // One appliance learns its certificate on first use; the others are pinned.
        ...(zvm.id === "healthy-linux" ? { trustOnFirstUse: true } : { tlsFingerprintSha256: zvm.fingerprint }),
        tags: { tenant: zvm.id.startsWith("failing") ? "acme" : "globex", region: "ams" },
      });
      ids.set(zvm.id, appliance.id);
    }
    expect(await sweep()).toBe(fleet.length);
  });

  afterAll(async () => {
    await sessions.closeAll();
    await handle?.drop();
    await sim?.close();
  });

  it("shows a healthy ZVM of either generation as ok, with no success invented", async () => {
    for (const id of ["healthy-linux", "healthy-windows"]) {
      const appliance = await view(id);
      expect(appliance.billingStatus).toBe("ok");
      expect(appliance.lastSuccessfulSendAt).toBeNull();
      expect(appliance.noFailureReportedAt).not.toBeNull();
      expect(appliance.failingSince).toBeNull();
      expect(appliance.licenseType).toBe("Cloud");
      expect(appliance.migrationReadiness).toBe("ready");
      expect(appliance.lastPollError).toBeNull();
    }
  });

  it("records the certificate learned on first use", async () => {
    const appliance = await view("healthy-linux");
    expect(appliance.tlsFingerprintSha256).toBe(sim.get("healthy-linux").fingerprint);
  });

  it("counts down from the billing alert's turnedOn", async () => {
    const seven = await view("failing-7");
    expect(seven.billingStatus).toBe("warning");
    expect(seven.daysUntilDisconnect).toBe(7);
    expect(Date.parse(seven.disconnectAt!) - Date.parse(seven.failingSince!)).toBe(15 * DAY);
    const twelve = await view("failing-12");
    expect(twelve.billingStatus).toBe("critical");
    expect(twelve.daysUntilDisconnect).toBe(2);
    expect(twelve.statusReasons[0].code).toBe("billing-failing");
  });

  it("shows the disconnection", async () => {
    const appliance = await view("disconnected");
    expect(appliance.billingStatus).toBe("disconnected");
    expect(appliance.daysUntilDisconnect).toBe(0);
    expect(appliance.vras?.connectionAlerts).toBeGreaterThan(0);
    expect(appliance.vras?.states.Installed).toBeGreaterThan(0);
  });

  it("reads readiness for 9.0 from the version", async () => {
    expect((await view("pre-9")).migrationReadiness).toBe("pending-upgrade");
    expect((await view("pre-9")).newEndpointReachability).toBe("unknown");
    expect((await view("failing-7")).migrationReadiness).toBe("blocked");
  });

  it("flags licence misfits and exempts test sites on NFR", async () => {
    const trial = await view("trial");
    expect(trial.billingStatus).toBe("warning");
    expect(trial.statusReasons.map((reason) => reason.code)).toContain("licence-misfit");
    expect((await view("nfr-test")).billingStatus).toBe("exempt");
  });

  it("measures clock skew", async () => {
    const appliance = await view("skewed");
    expect(appliance.clockSkewSeconds).toBeGreaterThan(295);
    expect(appliance.clockSkewSeconds).toBeLessThan(305);
    expect(appliance.statusReasons.map((reason) => reason.code)).toContain("clock-skew");
  });

  it("keeps an unreachable or slow ZVM's error without blocking the others", async () => {
    expect((await view("broken")).lastPollError).toMatch(/answered HTTP 500|is not valid JSON|did not answer/);
    expect((await view("slow")).lastPollError).toMatch(/did not answer/);
    expect((await view("slow")).billingStatus).toBe("unknown");
  });

  it("refuses a changed certificate until an admin re-trusts it", async () => {
    await sim.rotateCertificate("rotating");
    sim.resetStats("rotating");
    await makeDue();
    await sweep();
    const refused = await view("rotating");
    expect(refused.lastPollError).toBe("the ZVM presented a different certificate than the pinned one; polls stop until an admin re-trusts it.");
    expect(refused.tlsCertificateChangedAt).not.toBeNull();
    expect(refused.statusReasons[0].code).toBe("tls-certificate-changed");
    expect(sim.stats("rotating").requests).toBe(0);
    await retrustCertificate(handle.db, testAdmin, ids.get("rotating")!);
    await sweep();
    const trusted = await view("rotating");
    expect(trusted.lastPollError).toBeNull();
    expect(trusted.tlsFingerprintSha256).toBe(sim.get("rotating").fingerprint);
  });

  it("runs a passing test transmission, which clears the countdown", async () => {
    const { transmission, created } = await requestTestTransmission(handle.db, testOperator, ids.get("fixable")!);
    expect(created).toBe(true);
    expect(transmission.status).toBe("pending");
    const again = await requestTestTransmission(handle.db, testOperator, ids.get("fixable")!);
    expect(again).toEqual({ transmission, created: false });
    await runPendingTestTransmissions({ db: handle.db, workerId: "w", sessions, log: jobContext(handle.db).log, signal: new AbortController().signal });
    const done = await getTestTransmission(handle.db, testViewer, transmission.id);
    expect(done.status).toBe("passed");
    await sweep(); // the worker polls again right after a test
    const appliance = await view("fixable");
    expect(appliance.billingStatus).toBe("ok");
    expect(appliance.lastSuccessfulSendSource).toBe("test-transmission");
    expect(Date.parse(appliance.lastSuccessfulSendAt!)).toBeGreaterThan(Date.now() - 60_000);
    expect(appliance.failingSince).toBeNull();
    const audit = await handle.db.prisma.auditLog.findMany({ where: { target: "appliance:sim-fixable" }, orderBy: { at: "asc" } });
    expect(audit.map((row) => [row.action, row.result])).toEqual([
      ["appliance.add", "ok"],
      ["test-transmission.request", "requested"],
      ["test-transmission.result", "passed"],
    ]);
  });

  it("records a failing test transmission as evidence of failure", async () => {
    const { transmission } = await requestTestTransmission(handle.db, testOperator, ids.get("unfixable")!);
    await runPendingTestTransmissions({ db: handle.db, workerId: "w", sessions, log: jobContext(handle.db).log, signal: new AbortController().signal });
    expect((await getTestTransmission(handle.db, testViewer, transmission.id)).status).toBe("failed");
    const appliance = await view("unfixable");
    expect(appliance.billingStatus).toBe("warning");
    expect(appliance.daysUntilDisconnect).toBe(11);
    expect(appliance.lastSuccessfulSendAt).toBeNull();
  });

  it("flips a ZVM to failing when the simulator raises the alert", async () => {
    sim.update("healthy-windows", { failingDays: 14 });
    await makeDue();
    await sweep();
    const appliance = await view("healthy-windows");
    expect(appliance.billingStatus).toBe("critical");
    expect(appliance.daysUntilDisconnect).toBe(0);
  });

  it("does not let a viewer ask for a test", async () => {
    await expect(requestTestTransmission(handle.db, testViewer, ids.get("fixable")!)).rejects.toMatchObject({ status: 403 });
  });
});
