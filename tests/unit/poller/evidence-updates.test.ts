import { describe, expect, it } from "vitest";
import { compileAlertPatterns, DEFAULT_ALERT_PATTERNS } from "@/lib/billing";
import { evidenceFromPollError, evidenceFromSnapshot, nextPollDelayMs } from "@/lib/poller/evidence-updates";
import { ZvmError, type ZvmAlert, type ZvmSnapshot } from "@/lib/zvm";

const now = new Date("2026-11-22T12:00:00Z");
const patterns = compileAlertPatterns(DEFAULT_ALERT_PATTERNS);

function snapshot(overrides: Partial<ZvmSnapshot> & { version?: string } = {}): ZvmSnapshot {
  const { version = "10.0.60", ...rest } = overrides;
  return {
    localSite: { siteName: "AMS", siteIdentifier: "site-1", version, displayVersion: null, siteType: null },
    license: { licenseType: "Cloud", licenseExpiry: null, maxVms: null, totalVmsCount: null },
    alerts: [],
    serverTimeUtc: now,
    clockSkewSeconds: 0.4,
    vras: { total: 4, states: { Installed: 3, Installing: 1 } },
    authScheme: "linux",
    observedFingerprint: "AA:BB",
    warnings: [],
    durationMs: 12,
    ...rest,
  };
}

const previous = {
  version9SeenAt: null,
  lastBillingAlertSeenAt: null,
  tlsFingerprintSha256: null,
  trustOnFirstUse: false,
  siteIdentifier: null,
  billingAlertActive: null,
  billingAlertTurnedOn: null,
  disconnectionAlertActive: null,
  disconnectionAlertTurnedOn: null,
};
const billingAlert: ZvmAlert = {
  identifier: "a1",
  level: "Error",
  entity: "Zerto",
  helpIdentifier: null,
  description: "Zerto Virtual Manager did not send site usage information for billing purposes to Zerto servers.",
  turnedOn: new Date("2026-11-20T08:00:00Z"),
  isDismissed: false,
  site: null,
  siteType: null,
};

describe("evidenceFromSnapshot", () => {
  it.each([
    { name: "no alert", alerts: [], active: false, turnedOn: null, seen: null },
    { name: "billing alert", alerts: [billingAlert], active: true, turnedOn: billingAlert.turnedOn, seen: now },
  ])("$name", ({ alerts, active, turnedOn, seen }) => {
    const evidence = evidenceFromSnapshot(previous, snapshot({ alerts }), patterns, now);
    expect(evidence.billingAlertActive).toBe(active);
    expect(evidence.billingAlertTurnedOn).toEqual(turnedOn);
    expect(evidence.lastBillingAlertSeenAt).toEqual(seen);
    expect(evidence.alertsObservedAt).toEqual(now);
    expect(evidence.lastDataAt).toEqual(now);
    expect(evidence.consecutiveFailures).toBe(0);
  });

  it.each([
    { name: "first 9.0+ sighting starts the upgrade clock", version: "9.7.1", before: null, after: now },
    { name: "an earlier sighting is kept", version: "10.0.60", before: new Date("2026-01-01Z"), after: new Date("2026-01-01Z") },
    { name: "a pre-9 version clears it", version: "8.5.20", before: new Date("2026-01-01Z"), after: null },
    { name: "an unreadable version keeps it", version: "weird", before: new Date("2026-01-01Z"), after: new Date("2026-01-01Z") },
  ])("$name", ({ version, before, after }) => {
    const evidence = evidenceFromSnapshot({ ...previous, version9SeenAt: before }, snapshot({ version }), patterns, now);
    expect(evidence.version9SeenAt).toEqual(after);
  });

  it("pins the first certificate only under trust-on-first-use", () => {
    expect(evidenceFromSnapshot({ ...previous, trustOnFirstUse: true }, snapshot(), patterns, now).tlsFingerprintSha256).toBe("AA:BB");
    expect(evidenceFromSnapshot(previous, snapshot(), patterns, now)).not.toHaveProperty("tlsFingerprintSha256");
    expect(
      evidenceFromSnapshot({ ...previous, trustOnFirstUse: true, tlsFingerprintSha256: "CC" }, snapshot(), patterns, now),
    ).not.toHaveProperty("tlsFingerprintSha256");
  });
});

describe("evidenceFromSnapshot on real ZVMs", () => {
  const lic = (fields: Partial<ZvmAlert>): ZvmAlert => ({ ...billingAlert, helpIdentifier: "LIC0012", description: "Billing usage warning", ...fields });

  it.each([
    { name: "a local LIC0012 alert counts", alerts: [lic({ site: "site-1", siteType: "LocalSiteApi" })], active: true },
    { name: "a paired site's LIC0012 alert does not", alerts: [lic({ site: "peer-9", siteType: "PeerSiteApi" })], active: false },
    { name: "identifiers decide over link types", alerts: [lic({ site: "site-1", siteType: "PeerSiteApi" })], active: true },
    { name: "an alert naming no site counts", alerts: [lic({})], active: true },
    { name: "LIC0013 counts", alerts: [lic({ helpIdentifier: "LIC0013", level: "Error" })], active: true },
    { name: "LIC0021 counts", alerts: [lic({ helpIdentifier: "lic0021" })], active: true },
  ])("$name", ({ alerts, active }) => {
    expect(evidenceFromSnapshot(previous, snapshot({ alerts }), patterns, now).billingAlertActive).toBe(active);
  });

  it("leaves out a paired site's alert by type when the local site could not be read", () => {
    const evidence = evidenceFromSnapshot(previous, snapshot({ localSite: null, alerts: [lic({ site: "peer-9", siteType: "PeerSiteApi" })] }), patterns, now);
    expect(evidence.billingAlertActive).toBe(false);
  });

  it("uses the site identifier read before when this reading lacks it", () => {
    const alerts = [lic({ site: "site-1", siteType: "PeerSiteApi" })];
    const evidence = evidenceFromSnapshot({ ...previous, siteIdentifier: "site-1" }, snapshot({ localSite: null, alerts }), patterns, now);
    expect(evidence.billingAlertActive).toBe(true);
  });

  it("keeps the start read before for a standing alert whose TurnedOn could not be read", () => {
    const before = new Date("2026-11-10T00:00:00Z");
    const evidence = evidenceFromSnapshot(
      { ...previous, billingAlertActive: true, billingAlertTurnedOn: before },
      snapshot({ alerts: [lic({ turnedOn: null })] }),
      patterns,
      now,
    );
    expect(evidence).toMatchObject({ billingAlertActive: true, billingAlertTurnedOn: before });
  });

  it("keeps facts it could not read: their columns are left out", () => {
    const evidence = evidenceFromSnapshot(previous, snapshot({ localSite: null, license: null, warnings: ["licence: …"] }), patterns, now);
    expect(evidence).not.toHaveProperty("licenseType");
    expect(evidence).not.toHaveProperty("version");
    expect(evidence).not.toHaveProperty("siteName");
    expect(evidence.pollWarnings).toEqual(["licence: …"]);
    expect(evidence.lastDataAt).toEqual(now);
  });

  it("counts VRA connection alerts, never install states, as VRAs not connected", () => {
    const zvm0002 = lic({ helpIdentifier: "ZVM0002", description: "No connection to VRA Z-VRA-esx01.", site: "site-1" });
    const vra0005 = lic({ helpIdentifier: "VRA0005", description: "VRAs not connected", site: "site-1" });
    const peer = lic({ helpIdentifier: "ZVM0002", description: "No connection to VRA", site: "peer", siteType: "PeerSiteApi" });
    const installing = evidenceFromSnapshot(previous, snapshot(), patterns, now);
    expect(installing).toMatchObject({ vraTotal: 4, vraStates: { Installed: 3, Installing: 1 }, vraConnectionAlerts: 0 });
    expect(evidenceFromSnapshot(previous, snapshot({ alerts: [zvm0002, vra0005, peer] }), patterns, now).vraConnectionAlerts).toBe(2);
  });
});

describe("evidenceFromPollError", () => {
  it("counts failures and marks a certificate change once", () => {
    const first = evidenceFromPollError({ consecutiveFailures: 0, tlsCertificateChangedAt: null }, new ZvmError("tls-changed", "tls: certificate changed"), now);
    expect(first).toMatchObject({ consecutiveFailures: 1, lastPollError: "tls: certificate changed", tlsCertificateChangedAt: now });
    const earlier = new Date("2026-11-21T00:00:00Z");
    const second = evidenceFromPollError({ consecutiveFailures: 1, tlsCertificateChangedAt: earlier }, new ZvmError("tls-changed", "tls: certificate changed"), now);
    expect(second.tlsCertificateChangedAt).toEqual(earlier);
    const timeout = evidenceFromPollError({ consecutiveFailures: 2, tlsCertificateChangedAt: null }, new ZvmError("timeout", "timeout"), now);
    expect(timeout).not.toHaveProperty("tlsCertificateChangedAt");
    expect(timeout.lastDataAt).toBeUndefined();
  });
});

describe("nextPollDelayMs", () => {
  const settings = { pollIntervalSeconds: 300, pollJitterRatio: 0.1, staleAfterPolls: 3 };
  it.each([
    { failures: 0, random: 0.5, expected: 300_000 },
    { failures: 0, random: 0, expected: 270_000 },
    { failures: 0, random: 1, expected: 330_000 },
    { failures: 1, random: 0.5, expected: 300_000 },
    { failures: 2, random: 0.5, expected: 600_000 },
    { failures: 3, random: 0.5, expected: 600_000 },
    { failures: 10, random: 0.5, expected: 600_000 },
  ])("after $failures failures → $expected ms", ({ failures, random, expected }) => {
    expect(nextPollDelayMs(settings, failures, () => random)).toBe(expected);
  });

  it("always retries before the staleness limit", () => {
    for (const failures of [1, 2, 5, 50]) {
      expect(nextPollDelayMs(settings, failures, () => 0.5)).toBeLessThan(3 * 300_000);
    }
  });
});
