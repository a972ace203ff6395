import { describe, expect, it } from "vitest";
import { heartbeatFromSnapshot } from "@/collector/heartbeat-from-snapshot";
import { compileAlertPatterns, DEFAULT_ALERT_PATTERNS } from "@/lib/billing";
import { heartbeatSchema, parseHeartbeatBody } from "@/lib/heartbeats/heartbeat-schema";
import type { ZvmAlert, ZvmSnapshot } from "@/lib/zvm";

const now = new Date("2026-11-22T12:00:00Z");
const patterns = compileAlertPatterns(DEFAULT_ALERT_PATTERNS);
const id = "3f1c2a8e-5b7d-4c1e-9a0f-6d2b8e4c7a15";

const alert = (description: string, turnedOn: Date | null): ZvmAlert => ({
  identifier: "a1",
  level: "Error",
  entity: "Zerto",
  helpIdentifier: null,
  description,
  turnedOn,
  isDismissed: true,
  site: null,
  siteType: null,
});

function snapshot(overrides: Partial<ZvmSnapshot> & { version?: string | null; licenseType?: string; siteName?: string } = {}): ZvmSnapshot {
  const { version = "9.7.10", licenseType = "Cloud", siteName = "AMS-1", ...rest } = overrides;
  return {
    localSite: { siteName, siteIdentifier: "s1", version, displayVersion: null, siteType: null },
    license: { licenseType, licenseExpiry: null, maxVms: null, totalVmsCount: null },
    alerts: [],
    serverTimeUtc: now,
    clockSkewSeconds: -2.5,
    vras: null,
    authScheme: "linux",
    observedFingerprint: null,
    warnings: [],
    durationMs: 10,
    ...rest,
  };
}

describe("heartbeatFromSnapshot", () => {
  it("summarises the alerts with Lifeline's patterns, dismissed ones included", () => {
    const turnedOn = new Date("2026-11-15T08:00:00Z");
    const heartbeat = heartbeatFromSnapshot(
      id,
      snapshot({ alerts: [alert("The ZVM did not send site usage information to Zerto.", turnedOn)] }),
      patterns,
      now,
      "unreachable",
    );
    expect(heartbeat).toEqual({
      applianceId: id,
      observedAt: now.toISOString(),
      version: "9.7.10",
      licenseType: "Cloud",
      siteName: "AMS-1",
      billingAlert: { active: true, turnedOn: turnedOn.toISOString() },
      disconnectionAlert: { active: false, turnedOn: null },
      zvmClockUtc: new Date(now.getTime() - 2_500).toISOString(),
      newEndpointReachability: "unreachable",
      alerts: [{ entity: "Zerto", level: "Error", description: "The ZVM did not send site usage information to Zerto." }],
    });
    expect(parseHeartbeatBody(heartbeat, { now, maxAgeMs: 3_600_000 }).rejected).toEqual([]);
  });

  it("leaves out what the ZVM did not say, and keeps strings inside the limits", () => {
    const heartbeat = heartbeatFromSnapshot(
      id,
      snapshot({ version: null, licenseType: " ", siteName: `${"x".repeat(300)}\n`, clockSkewSeconds: null }),
      patterns,
      now,
    );
    expect(heartbeat.version).toBeUndefined();
    expect(heartbeat.licenseType).toBeUndefined();
    expect(heartbeat.zvmClockUtc).toBeUndefined();
    expect(heartbeat.siteName).toHaveLength(255);
    expect(heartbeatSchema.safeParse(heartbeat).success).toBe(true);
  });
});

describe("heartbeatFromSnapshot on real ZVMs", () => {
  const lic = (site: string | null, siteType: string | null, helpIdentifier = "LIC0012"): ZvmAlert => ({
    ...alert("Billing usage warning", new Date("2026-11-15T08:00:00Z")),
    helpIdentifier,
    site,
    siteType,
  });

  it("counts only the local site's alerts, and reports each kind once for the catalogue", () => {
    const heartbeat = heartbeatFromSnapshot(
      id,
      snapshot({ alerts: [lic("s1", "LocalSiteApi"), lic("s1", "LocalSiteApi"), lic("peer", "PeerSiteApi", "LIC0013")] }),
      patterns,
      now,
    );
    expect(heartbeat.billingAlert?.active).toBe(true);
    expect(heartbeat.alerts).toEqual([{ helpIdentifier: "LIC0012", entity: "Zerto", level: "Error", description: "Billing usage warning" }]);
  });

  it("leaves out a paired site's billing alert", () => {
    expect(heartbeatFromSnapshot(id, snapshot({ alerts: [lic("peer", "PeerSiteApi")] }), patterns, now).billingAlert?.active).toBe(false);
  });

  it("uses the site identifier known from before when the local site could not be read", () => {
    const heartbeat = heartbeatFromSnapshot(id, snapshot({ localSite: null, alerts: [lic("s1", "PeerSiteApi")] }), patterns, now, undefined, "s1");
    expect(heartbeat.billingAlert?.active).toBe(true);
    expect(heartbeat.version).toBeUndefined();
  });
});
