import { describe, expect, it } from "vitest";
import {
  computeBillingView,
  DEFAULT_BILLING_SETTINGS,
  type BillingEvidence,
  type MigrationReadiness,
  type Reachability,
} from "@/lib/billing";
import { activeAlert, at, evidenceOf, NOW, reasonCodes } from "./fixtures";

const upgradedAt = at("2026-06-01T00:00:00Z");
const beforeUpgrade = at("2026-05-20T00:00:00Z");
const afterUpgrade = at("2026-06-02T00:00:00Z");

interface ReadinessCase {
  name: string;
  evidence: Partial<BillingEvidence>;
  readiness: MigrationReadiness;
  reachability: Reachability;
  reason?: string;
}

const cases: ReadinessCase[] = [
  { name: "no version: unknown", evidence: { version: null }, readiness: "unknown", reachability: "unknown" },
  {
    name: "unreadable version: unknown, and says so",
    evidence: { version: "build-42" },
    readiness: "unknown",
    reachability: "unknown",
    reason: "version-unreadable",
  },
  {
    name: "8.5 with the new endpoint reachable: pending-upgrade, reachable",
    evidence: { version: "8.5", version9SeenAt: null, newEndpointReachability: "reachable" },
    readiness: "pending-upgrade",
    reachability: "reachable",
  },
  {
    name: "8.5 with the new endpoint unreachable: pending-upgrade, with a firewall warning",
    evidence: { version: "8.5", version9SeenAt: null, newEndpointReachability: "unreachable" },
    readiness: "pending-upgrade",
    reachability: "unreachable",
    reason: "new-endpoint-unreachable",
  },
  {
    name: "8.5 never probed: pending-upgrade, unknown",
    evidence: { version: "8.5", version9SeenAt: null, newEndpointReachability: null },
    readiness: "pending-upgrade",
    reachability: "unknown",
  },
  {
    name: "9.7 failing: blocked",
    evidence: { version: "9.7.0.123", version9SeenAt: upgradedAt, billingAlert: activeAlert(afterUpgrade), lastBillingAlertSeenAt: NOW },
    readiness: "blocked",
    reachability: "unknown",
  },
  {
    name: "9.7 with a failed test standing: blocked",
    evidence: { version: "9.7", version9SeenAt: upgradedAt, firstFailureAfterSuccessAt: afterUpgrade },
    readiness: "blocked",
    reachability: "unknown",
  },
  {
    name: "10.0 with a passed test after the upgrade: ready",
    evidence: {
      version: "10.0 Update 6",
      version9SeenAt: upgradedAt,
      lastBillingAlertSeenAt: at("2026-06-01T12:00:00Z"),
      lastSuccessfulSend: { at: afterUpgrade, source: "test-transmission" },
    },
    readiness: "ready",
    reachability: "unknown",
  },
  {
    name: "10.0 with a collector-reported send after the upgrade: ready",
    evidence: {
      version: "10.0.60",
      version9SeenAt: upgradedAt,
      lastBillingAlertSeenAt: at("2026-06-01T12:00:00Z"),
      lastSuccessfulSend: { at: afterUpgrade, source: "collector" },
    },
    readiness: "ready",
    reachability: "unknown",
  },
  {
    name: "10.0 with no billing alert ever: ready",
    evidence: { version: "10.0.60", version9SeenAt: upgradedAt, lastBillingAlertSeenAt: null },
    readiness: "ready",
    reachability: "unknown",
  },
  {
    name: "10.0 whose last billing alert was before the upgrade: ready",
    evidence: { version: "10.0.60", version9SeenAt: upgradedAt, lastBillingAlertSeenAt: beforeUpgrade },
    readiness: "ready",
    reachability: "unknown",
  },
  {
    name: "10.0, alert seen since the upgrade, now cleared, no proof since: unknown, asks for a test",
    evidence: {
      version: "10.0.60",
      version9SeenAt: upgradedAt,
      lastBillingAlertSeenAt: afterUpgrade,
      lastSuccessfulSend: { at: beforeUpgrade, source: "test-transmission" },
    },
    readiness: "unknown",
    reachability: "unknown",
    reason: "migration-unconfirmed",
  },
  {
    name: "10.0 first seen already upgraded (no version9SeenAt), a success on record: ready",
    evidence: {
      version: "10.0.60",
      version9SeenAt: null,
      lastBillingAlertSeenAt: beforeUpgrade,
      lastSuccessfulSend: { at: afterUpgrade, source: "test-transmission" },
    },
    readiness: "ready",
    reachability: "unknown",
  },
  {
    name: "reachability is passed through after the upgrade as well",
    evidence: { version: "10.0.60", newEndpointReachability: "reachable" },
    readiness: "ready",
    reachability: "reachable",
  },
];

describe("9.0 migration readiness", () => {
  it.each(cases)("$name", ({ evidence, readiness, reachability, reason }) => {
    const view = computeBillingView(evidenceOf(evidence), DEFAULT_BILLING_SETTINGS, NOW);

    expect(view.migrationReadiness).toBe(readiness);
    expect(view.newEndpointReachability).toBe(reachability);
    if (reason) expect(reasonCodes(view)).toContain(reason);
  });
});
