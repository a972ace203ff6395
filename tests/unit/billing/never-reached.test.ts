import { describe, expect, it } from "vitest";
import { computeBillingView, DEFAULT_BILLING_SETTINGS, type BillingEvidence, type BillingStatus } from "@/lib/billing";
import { activeAlert, at, before, evidenceOf, NOW, reasonCodes } from "./fixtures";

const SECOND = 1000;
const neverRead = { lastDataAt: null, billingAlert: null, disconnectionAlert: null, billingAlertObservedAt: null, clockSkewSeconds: null };

interface NeverCase {
  name: string;
  evidence: Partial<BillingEvidence>;
  status: BillingStatus;
  reasons: string[];
  headline: RegExp | null;
}

// The default limit is 3 polls of 300 s: 900 s since registration.
const cases: NeverCase[] = [
  {
    name: "registered 900 s ago, every poll failed: still unknown, and says what failed",
    evidence: { ...neverRead, registeredAt: before(NOW, 900 * SECOND), lastProblem: "credentials rejected" },
    status: "unknown",
    reasons: ["not-reached-yet"],
    headline: /^Not reached yet: credentials rejected\. Every poll so far failed/,
  },
  {
    name: "registered 901 s ago, credentials rejected: stale, never reached",
    evidence: { ...neverRead, registeredAt: before(NOW, 901 * SECOND), lastProblem: "credentials rejected" },
    status: "stale",
    reasons: ["never-reached"],
    headline: /^Never reached: credentials rejected; no data since it was registered on 2026-11-10 11:44 UTC \(limit 15 min\)\.$/,
  },
  {
    name: "an unpinned self-signed certificate",
    evidence: { ...neverRead, registeredAt: before(NOW, 3_600 * SECOND), lastProblem: "certificate is self-signed and not pinned" },
    status: "stale",
    reasons: ["never-reached"],
    headline: /^Never reached: certificate is self-signed and not pinned;/,
  },
  {
    name: "no poll ran at all (worker down, or a collector that never reported)",
    evidence: { ...neverRead, registeredAt: before(NOW, 3_600 * SECOND), lastProblem: null },
    status: "stale",
    reasons: ["never-reached"],
    headline: /^Never reached: nothing received since it was registered;/,
  },
  {
    name: "registration time not known: unknown as before",
    evidence: { ...neverRead, registeredAt: null, lastProblem: null },
    status: "unknown",
    reasons: ["no-data"],
    headline: /^No data received from this appliance yet\.$/,
  },
  {
    name: "read once, long ago: stale from the last data, not from registration",
    evidence: { lastDataAt: before(NOW, 901 * SECOND), registeredAt: before(NOW, 86_400 * SECOND), lastProblem: "connection refused" },
    status: "stale",
    reasons: ["stale"],
    headline: /^No fresh data since/,
  },
  {
    name: "read recently, registered long ago: fresh",
    evidence: { registeredAt: before(NOW, 86_400 * SECOND), lastProblem: null },
    status: "ok",
    reasons: [],
    headline: null,
  },
];

describe("an appliance never read", () => {
  it.each(cases)("$name", (testCase) => {
    const view = computeBillingView(evidenceOf(testCase.evidence), DEFAULT_BILLING_SETTINGS, NOW);

    expect(view.billingStatus).toBe(testCase.status);
    expect(reasonCodes(view)).toEqual(testCase.reasons);
    if (testCase.headline) expect(view.statusReasons[0].message).toMatch(testCase.headline);
  });

  it("keeps the known countdown beside never-reached (the alert a collector reported before any poll)", () => {
    const view = computeBillingView(
      evidenceOf({ ...neverRead, registeredAt: before(NOW, 3_600 * SECOND), billingAlert: activeAlert(at("2026-11-05T12:00:00Z")) }),
      DEFAULT_BILLING_SETTINGS,
      NOW,
    );
    expect(view.billingStatus).toBe("stale");
    expect(view.daysUntilDisconnect).toBe(10);
  });
});
