import { describe, expect, it } from "vitest";
import { compileAlertPatterns, DEFAULT_ALERT_PATTERNS } from "@/lib/billing";
import { evidenceFromPollError, evidenceFromSnapshot, nextPollDelayMs } from "@/lib/poller/evidence-updates";
import { ZvmError, type ZvmSnapshot } from "@/lib/zvm";

const now = new Date("2026-11-22T12:00:00Z");
const patterns = compileAlertPatterns(DEFAULT_ALERT_PATTERNS);

function snapshot(overrides: Partial<ZvmSnapshot> = {}): ZvmSnapshot {
  return {
    siteName: "AMS",
    siteIdentifier: "site-1",
    version: "10.0.60",
    displayVersion: null,
    siteType: null,
    licenseType: "Cloud",
    licenseExpiry: null,
    maxVms: null,
    totalVmsCount: null,
    alerts: [],
    serverTimeUtc: now,
    clockSkewSeconds: 0.4,
    vras: { total: 4, notConnected: 0 },
    authScheme: "linux",
    observedFingerprint: "AA:BB",
    durationMs: 12,
    ...overrides,
  };
}

const previous = { version9SeenAt: null, lastBillingAlertSeenAt: null, tlsFingerprintSha256: null, trustOnFirstUse: false };
const billingAlert = {
  identifier: "a1",
  level: "Error",
  entity: "Zerto",
  helpIdentifier: null,
  description: "Zerto Virtual Manager did not send site usage information for billing purposes to Zerto servers.",
  turnedOn: new Date("2026-11-20T08:00:00Z"),
  isDismissed: false,
  site: null,
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
