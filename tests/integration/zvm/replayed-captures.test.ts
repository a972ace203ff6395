import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAlertCatalog } from "@/lib/alert-catalog/list-alert-catalog";
import { forgetAlertSightings } from "@/lib/alert-catalog/record-alert-sightings";
import { getApplianceView } from "@/lib/appliances/get-appliance";
import { registerAppliance } from "@/lib/appliances/register-appliance";
import { SessionCache } from "@/lib/poller/session-cache";
import { sweepDueAppliances } from "@/lib/poller/poll-sweep-job";
import { updateSettings } from "@/lib/settings/update-settings";
import { getTestTransmission } from "@/lib/test-transmissions/get-test-transmission";
import { requestTestTransmission } from "@/lib/test-transmissions/request-test-transmission";
import { runPendingTestTransmissions } from "@/lib/test-transmissions/run-test-transmissions-job";
import { parseCapture, type ZvmCapture } from "@/lib/zvm/capture";
import { startSimulator, type Simulator } from "@/simulator";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { jobContext, testAdmin, testOperator, testViewer } from "../helpers/worker-context";

// Every capture in tests/fixtures/zvm-captures is served by the simulator as
// the ZVM answered it (times moved to now) and polled by the real poller: each
// must read as its `expected` says. A capture of a real site (npm run cli --
// appliance capture) dropped into that folder becomes a test the same way.

const FIXTURES = path.join(process.cwd(), "tests", "fixtures", "zvm-captures");
const captures = fs
  .readdirSync(FIXTURES)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => ({ name: file.replace(/\.json$/, ""), capture: parseCapture(JSON.parse(fs.readFileSync(path.join(FIXTURES, file), "utf8")), file) }));

interface Expected {
  billingStatus: string;
  daysUntilDisconnect?: number | null;
  failingSince?: string | null;
  migrationReadiness?: string;
  vraConnectionAlerts?: number;
  vraStates?: Record<string, number>;
  warnings?: number;
  testTransmission?: "passed" | "failed" | "error";
  clockSkewFinding?: boolean;
}

const expectedOf = (capture: ZvmCapture) => capture.expected as unknown as Expected;

it("has a capture of every shape the issue names", () => {
  expect(captures.length).toBeGreaterThanOrEqual(10);
  for (const { name, capture } of captures) {
    expect(capture.note, name).toMatch(/Hand-made|Captured from/);
    expect(JSON.stringify(capture), name).not.toMatch(/"(access_token|refresh_token|LicenseKey)":"(?!\[redacted\])/);
  }
});

describe.each(testDbKinds())("replayed captures, polled (%s)", (kind) => {
  let sim: Simulator;
  let handle: TestDb;
  let shiftLow = 0;
  let shiftHigh = 0;
  const sessions = new SessionCache(() => ({ connectTimeoutMs: 2_000, requestTimeoutMs: 4_000 }));
  const ids = new Map<string, string>();

  beforeAll(async () => {
    forgetAlertSightings();
    const before = Date.now();
    sim = await startSimulator({ zvms: [], replays: captures.map(({ name, capture }) => ({ capture, id: name, name })) });
    const after = Date.now();
    shiftLow = before;
    shiftHigh = after;
    handle = await createTestDb(kind);
    await updateSettings(handle.db, testAdmin, { pollTimeoutSeconds: 8, autoTestEveryHours: 0 });
    for (const { name, capture } of captures) {
      const appliance = await registerAppliance(handle.db, testAdmin, {
        name,
        kind: "zvm",
        role: "production",
        mode: "polled",
        url: sim.get(name).url,
        username: "monitor",
        password: "replayed",
        authScheme: capture.authScheme ?? "auto",
        tlsFingerprintSha256: sim.fingerprint,
      });
      ids.set(name, appliance.id);
    }
    expect(await sweepDueAppliances(jobContext(handle.db), sessions)).toBe(captures.length);
  });

  afterAll(async () => {
    await sessions.closeAll();
    await handle?.drop();
    await sim?.close();
  });

  it.each(captures.map(({ name, capture }) => [name, capture] as const))("%s reads as expected", async (name, capture) => {
    const expected = expectedOf(capture);
    const view = await getApplianceView(handle.db, testViewer, ids.get(name)!);
    expect(view.lastPollError, name).toBeNull();
    expect(view.billingStatus).toBe(expected.billingStatus);
    if ("daysUntilDisconnect" in expected) expect(view.daysUntilDisconnect).toBe(expected.daysUntilDisconnect);
    if ("migrationReadiness" in expected) expect(view.migrationReadiness).toBe(expected.migrationReadiness);
    if ("vraConnectionAlerts" in expected) expect(view.vras?.connectionAlerts).toBe(expected.vraConnectionAlerts);
    if (expected.vraStates) expect(view.vras?.states).toEqual(expected.vraStates);
    if ("warnings" in expected) expect(view.pollWarnings, view.pollWarnings.join(" | ")).toHaveLength(expected.warnings!);
    if (expected.clockSkewFinding) expect(view.statusReasons.map((reason) => reason.code)).toContain("clock-skew");
    if ("failingSince" in expected) {
      if (expected.failingSince === null) {
        expect(view.failingSince).toBeNull();
      } else {
        // The replay moved every time by (simulator start − capturedAt).
        const captured = Date.parse(capture.capturedAt);
        const at = Date.parse(view.failingSince!);
        expect(at).toBeGreaterThanOrEqual(Date.parse(expected.failingSince!) + (shiftLow - captured) - 1_000);
        expect(at).toBeLessThanOrEqual(Date.parse(expected.failingSince!) + (shiftHigh - captured) + 1_000);
      }
    }
  });

  it.each(captures.filter(({ capture }) => expectedOf(capture).testTransmission).map(({ name, capture }) => [name, expectedOf(capture).testTransmission!] as const))(
    "%s: a test transmission ends %s",
    async (name, result) => {
      const { transmission } = await requestTestTransmission(handle.db, testOperator, ids.get(name)!);
      await runPendingTestTransmissions({ db: handle.db, workerId: "test-worker", sessions, log: jobContext(handle.db).log, signal: new AbortController().signal });
      const done = await getTestTransmission(handle.db, testViewer, transmission.id);
      expect(done.status).toBe(result);
      const view = await getApplianceView(handle.db, testViewer, ids.get(name)!);
      if (result === "error") {
        expect(done.detail).toMatch(/may not send usage data \(HTTP 403\)/);
        expect(view.sendForbiddenAt).not.toBeNull();
      } else {
        expect(view.sendForbiddenAt).toBeNull();
      }
    },
  );

  it("teaches the alert catalogue only the local sites' alerts", async () => {
    const { items } = await listAlertCatalog(handle.db, testViewer);
    const find = (helpIdentifier: string) => items.filter((item) => item.helpIdentifier === helpIdentifier);
    expect(find("LIC0012").map((item) => item.recognisedAs)).toEqual(["billing"]);
    expect(find("LIC0013")[0]?.recognisedAs).toBe("billing");
    // Only the disconnected site's own ZVM0002; the paired site's one in another capture is not evidence here.
    expect(find("ZVM0002")).toMatchObject([{ entity: "Zvm", level: "Error", appliances: 1, recognisedAs: null }]);
    expect(find("VPG0010")[0]?.appliances).toBe(1);
    expect(items.find((item) => item.description?.includes("will not communicate with its VRAs"))?.recognisedAs).toBe("disconnection");
    expect(find("VRA0039")[0]?.recognisedAs).toBeNull();
  });
});
