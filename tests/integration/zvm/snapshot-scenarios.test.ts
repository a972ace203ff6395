import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZvmSession, isLocalAlert, isVraConnectionAlert, isZvmError, type ZvmSession, type ZvmSnapshot } from "@/lib/zvm";
import { mixedFleet, startSimulator, type Generation, type Simulator, type ZvmSpec } from "@/simulator";
import { DAY_MS, targetFor } from "./helpers";

const BILLING_TEXT = "did not send site usage information for billing purposes";
const DISCONNECTION_TEXT = "will not communicate with its VRAs until this issue is resolved";
const GENERATIONS: Generation[] = ["windows", "linux"];

let sim: Simulator;
const sessions: ZvmSession[] = [];

/** The local site's alerts only: /v1/alerts lists the paired site's too. */
const local = (snapshot: ZvmSnapshot) => snapshot.alerts.filter((alert) => isLocalAlert(alert, snapshot.localSite?.siteIdentifier ?? null));

function session(id: string): ZvmSession {
  const created = createZvmSession(targetFor(sim.get(id)), { requestTimeoutMs: 5_000 });
  sessions.push(created);
  return created;
}

const specs: ZvmSpec[] = GENERATIONS.flatMap((generation) => [
  { id: `${generation}-healthy`, generation, scenario: "healthy" },
  { id: `${generation}-failing`, generation, scenario: "failing", failingDays: 9 },
  { id: `${generation}-disconnected`, generation, scenario: "disconnected", failingDays: 18 },
  { id: `${generation}-trial`, generation, scenario: "trial" },
  { id: `${generation}-nfr`, generation, scenario: "nfr" },
  { id: `${generation}-skew-ahead`, generation, scenario: "clock-skew", skewSeconds: 420 },
  { id: `${generation}-skew-behind`, generation, scenario: "clock-skew", skewSeconds: -95 },
  { id: `${generation}-no-vras`, generation, scenario: "healthy", vrasUnavailable: true },
]);
specs.push(
  { id: "changing", generation: "linux", scenario: "healthy" },
  { id: "pre-9", generation: "windows", scenario: "pre-9", version: "8.5.20" },
  { id: "seven", generation: "windows", scenario: "pre-9", version: "7.5.30", failingDays: 3 },
);

beforeAll(async () => {
  sim = await startSimulator({ zvms: specs, seed: 11 });
});

afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()));
  await sim?.close();
});

describe.each(GENERATIONS)("a %s ZVM", (generation) => {
  it("healthy: site, licence, no billing alert of its own, VRAs installed, no skew", async () => {
    const snapshot = await session(`${generation}-healthy`).readSnapshot();
    expect(snapshot.authScheme).toBe(generation);
    expect(snapshot.localSite?.siteName).toBe(`zvm-${generation}-healthy`);
    expect(snapshot.localSite?.siteIdentifier).toMatch(/^[0-9a-f-]{36}$/);
    expect(snapshot.localSite?.version).toBe(generation === "windows" ? "9.7.10" : "10.0.60");
    expect(snapshot.license?.licenseType).toBe("Cloud");
    expect(snapshot.license?.licenseExpiry!.getTime()).toBeGreaterThan(Date.now());
    expect(snapshot.license?.maxVms).toBe(500);
    expect(snapshot.license?.totalVmsCount).toBeGreaterThan(0);
    expect(local(snapshot).filter((a) => a.description?.includes(BILLING_TEXT))).toEqual([]);
    expect(snapshot.alerts.some((a) => a.siteType === "PeerSiteApi")).toBe(true);
    expect(snapshot.vras!.total).toBeGreaterThan(0);
    expect(snapshot.vras!.states.Installed).toBeGreaterThan(0);
    expect(local(snapshot).filter(isVraConnectionAlert)).toEqual([]);
    expect(snapshot.warnings).toEqual([]);
    expect(Math.abs(snapshot.clockSkewSeconds!)).toBeLessThan(2);
    expect(snapshot.observedFingerprint).toBe(sim.fingerprint);
    expect(snapshot.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("failing: the billing alert turned on the given days ago", async () => {
    const snapshot = await session(`${generation}-failing`).readSnapshot();
    const billing = local(snapshot).filter((a) => a.description?.includes(BILLING_TEXT));
    expect(billing).toHaveLength(1);
    expect(billing[0]!.isDismissed).toBe(false);
    expect(billing[0]!.helpIdentifier).toBe("LIC0012");
    expect(billing[0]!.level).toBe("Warning");
    expect(billing[0]!.site).toBe(snapshot.localSite?.siteIdentifier);
    expect(Math.abs(Date.now() - 9 * DAY_MS - billing[0]!.turnedOn!.getTime())).toBeLessThan(60_000);
    expect(snapshot.alerts.some((a) => a.description?.includes(DISCONNECTION_TEXT))).toBe(false);
  });

  it("disconnected: billing alert past 15 days, disconnection alert, VRA connection alerts", async () => {
    const snapshot = await session(`${generation}-disconnected`).readSnapshot();
    const billing = local(snapshot).find(
      (a) => a.description?.includes(BILLING_TEXT) && !a.description.includes(DISCONNECTION_TEXT),
    );
    const disconnection = snapshot.alerts.find((a) => a.description?.includes(DISCONNECTION_TEXT));
    expect(Math.abs(Date.now() - 18 * DAY_MS - billing!.turnedOn!.getTime())).toBeLessThan(60_000);
    expect(disconnection!.level).toBe("Error");
    expect(disconnection!.turnedOn!.getTime()).toBe(billing!.turnedOn!.getTime() + 15 * DAY_MS);
    expect(billing!.helpIdentifier).toBe("LIC0013");
    expect(local(snapshot).filter(isVraConnectionAlert)).toHaveLength(snapshot.vras!.total);
    // The VRAs are still installed: their install state says nothing about the connection.
    expect(snapshot.vras!.states.Installed ?? 0).toBeGreaterThan(0);
  });

  it.each([
    ["trial", "Trial"],
    ["nfr", "NFR"],
  ])("%s licence", async (scenario, licenseType) => {
    const snapshot = await session(`${generation}-${scenario}`).readSnapshot();
    expect(snapshot.license?.licenseType).toBe(licenseType);
  });

  it.each([
    ["skew-ahead", 420],
    ["skew-behind", -95],
  ])("clock skew %s is measured within a second", async (name, skew) => {
    const snapshot = await session(`${generation}-${name}`).readSnapshot();
    expect(Math.abs(snapshot.clockSkewSeconds! - skew)).toBeLessThan(1);
    expect(Math.abs(snapshot.serverTimeUtc!.getTime() - (Date.now() + skew * 1000))).toBeLessThan(2_000);
  });

  it("a forbidden /v1/vras leaves vras null and the snapshot intact", async () => {
    const snapshot = await session(`${generation}-no-vras`).readSnapshot();
    expect(snapshot.vras).toBeNull();
    expect(snapshot.localSite?.siteName).toBe(`zvm-${generation}-no-vras`);
    expect(snapshot.warnings).toEqual([expect.stringContaining("VRAs")]);
  });
});

describe("older Windows ZVMs", () => {
  it("pre-9.0 reports its version", async () => {
    const snapshot = await session("pre-9").readSnapshot();
    expect(snapshot.localSite?.version).toBe("8.5.20");
    expect(snapshot.localSite?.displayVersion).toBeNull();
  });

  it("7.x writes WCF /Date()/ times, which are read as instants", async () => {
    const snapshot = await session("seven").readSnapshot();
    const billing = local(snapshot).find((a) => a.description?.includes(BILLING_TEXT));
    expect(Math.abs(Date.now() - 3 * DAY_MS - billing!.turnedOn!.getTime())).toBeLessThan(60_000);
    expect(Math.abs(snapshot.clockSkewSeconds!)).toBeLessThan(2);
  });
});

describe("scenario changes at run time", () => {
  it("update() turns a healthy ZVM into a failing one and back", async () => {
    const zvm = session("changing");
    sim.update("changing", { scenario: "failing", failingDays: 2 });
    const failing = await zvm.readSnapshot();
    expect(local(failing).some((a) => a.description?.includes(BILLING_TEXT))).toBe(true);
    sim.update("changing", { scenario: "healthy" });
    const healthy = await zvm.readSnapshot();
    expect(local(healthy).some((a) => a.description?.includes(BILLING_TEXT))).toBe(false);
  });
});

describe("a mixed fleet", () => {
  it("every ZVM answers a snapshot or fails with a typed error", async () => {
    const fleet = await startSimulator({ zvms: mixedFleet(40, 5), seed: 5 });
    const fleetSessions = fleet
      .list()
      .map((zvm) => createZvmSession(targetFor(zvm, { authScheme: "auto" }), { requestTimeoutMs: 3_000 }));
    try {
      const results = await Promise.allSettled(fleetSessions.map((s) => s.readSnapshot()));
      for (const result of results) {
        if (result.status === "rejected") expect(isZvmError(result.reason)).toBe(true);
      }
      const healthy = fleet.list().filter((zvm) => zvm.scenario === "healthy");
      for (const zvm of healthy) {
        const index = fleet.list().findIndex((z) => z.id === zvm.id);
        expect(results[index]!.status).toBe("fulfilled");
      }
    } finally {
      await Promise.all(fleetSessions.map((s) => s.close()));
      await fleet.close();
    }
  });
});
