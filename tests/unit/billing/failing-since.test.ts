import { describe, expect, it } from "vitest";
import { computeBillingView, DEFAULT_BILLING_SETTINGS, type BillingEvidence } from "@/lib/billing";
import { activeAlert, at, evidenceOf, NOW, reasonCodes } from "./fixtures";

const success = { at: at("2026-11-05T00:00:00Z"), source: "test-transmission" as const };
const beforeSuccess = at("2026-11-03T00:00:00Z");
const afterSuccess = at("2026-11-06T00:00:00Z");
const laterAfterSuccess = at("2026-11-07T00:00:00Z");
const pollBeforeSuccess = at("2026-11-04T23:00:00Z");
const pollAfterSuccess = at("2026-11-10T11:59:00Z");

interface FailingSinceCase {
  name: string;
  evidence: Partial<BillingEvidence>;
  failingSince: Date | null;
  alsoReports?: string;
}

const cases: FailingSinceCase[] = [
  {
    name: "an alert raised after the last success: failing since its turnedOn",
    evidence: { lastSuccessfulSend: success, billingAlert: activeAlert(afterSuccess), lastBillingAlertSeenAt: pollAfterSuccess },
    failingSince: afterSuccess,
  },
  {
    name: "a failed test after the last success, no alert: failing since the test",
    evidence: { lastSuccessfulSend: success, firstFailureAfterSuccessAt: afterSuccess },
    failingSince: afterSuccess,
  },
  {
    name: "a failed test with no success ever: failing since the test",
    evidence: { firstFailureAfterSuccessAt: afterSuccess },
    failingSince: afterSuccess,
  },
  {
    name: "failed test earlier than the alert: the earliest (the test) wins",
    evidence: {
      lastSuccessfulSend: success,
      firstFailureAfterSuccessAt: afterSuccess,
      billingAlert: activeAlert(laterAfterSuccess),
      lastBillingAlertSeenAt: pollAfterSuccess,
    },
    failingSince: afterSuccess,
  },
  {
    name: "alert earlier than the failed test: the earliest (the alert) wins",
    evidence: {
      lastSuccessfulSend: success,
      firstFailureAfterSuccessAt: laterAfterSuccess,
      billingAlert: activeAlert(afterSuccess),
      lastBillingAlertSeenAt: pollAfterSuccess,
    },
    failingSince: afterSuccess,
  },
  {
    name: "a success newer than the failed test clears it",
    evidence: {
      lastSuccessfulSend: { at: laterAfterSuccess, source: "test-transmission" },
      firstFailureAfterSuccessAt: afterSuccess,
    },
    failingSince: null,
  },
  {
    name: "an old alert last seen before a newer success is superseded by the success",
    evidence: {
      lastSuccessfulSend: success,
      billingAlert: activeAlert(beforeSuccess),
      billingAlertObservedAt: pollBeforeSuccess,
      lastDataAt: pollAfterSuccess,
    },
    failingSince: null,
  },
  {
    name: "an old alert with unknown observation time is superseded by a newer success",
    evidence: { lastSuccessfulSend: success, billingAlert: activeAlert(beforeSuccess), billingAlertObservedAt: null },
    failingSince: null,
  },
  {
    name: "an old alert still shown by a poll after the success keeps counting from its turnedOn",
    evidence: {
      lastSuccessfulSend: success,
      billingAlert: activeAlert(beforeSuccess),
      billingAlertObservedAt: pollAfterSuccess,
    },
    failingSince: beforeSuccess,
    alsoReports: "alert-persists-after-success",
  },
  {
    name: "alert turned off after the failed test (seen on, then off): cleared",
    evidence: {
      lastSuccessfulSend: success,
      firstFailureAfterSuccessAt: afterSuccess,
      lastBillingAlertSeenAt: laterAfterSuccess,
      billingAlert: { active: false, turnedOn: null },
      billingAlertObservedAt: pollAfterSuccess,
    },
    failingSince: null,
  },
  {
    name: "alert off but never raised since the failed test: the failed test still stands",
    evidence: {
      lastSuccessfulSend: success,
      firstFailureAfterSuccessAt: afterSuccess,
      lastBillingAlertSeenAt: null,
      billingAlert: { active: false, turnedOn: null },
      billingAlertObservedAt: pollAfterSuccess,
    },
    failingSince: afterSuccess,
  },
  {
    name: "alert last seen on before the failed test, off now: the failed test still stands",
    evidence: {
      lastSuccessfulSend: success,
      firstFailureAfterSuccessAt: afterSuccess,
      lastBillingAlertSeenAt: beforeSuccess,
      billingAlert: { active: false, turnedOn: null },
      billingAlertObservedAt: pollAfterSuccess,
    },
    failingSince: afterSuccess,
  },
  {
    name: "a failed test not after the last success is ignored (inconsistent input)",
    evidence: { lastSuccessfulSend: success, firstFailureAfterSuccessAt: beforeSuccess },
    failingSince: null,
  },
  {
    name: "an active alert without turnedOn counts from when it was observed",
    evidence: { billingAlert: activeAlert(null), billingAlertObservedAt: pollAfterSuccess },
    failingSince: pollAfterSuccess,
    alsoReports: "alert-start-unknown",
  },
  {
    name: "a disconnection alert from before a newer success, observed before it, is superseded",
    evidence: {
      lastSuccessfulSend: success,
      disconnectionAlert: activeAlert(beforeSuccess),
      billingAlertObservedAt: pollBeforeSuccess,
    },
    failingSince: null,
  },
];

describe("failingSince", () => {
  it.each(cases)("$name", ({ evidence, failingSince, alsoReports }) => {
    const view = computeBillingView(evidenceOf(evidence), DEFAULT_BILLING_SETTINGS, NOW);

    expect(view.failingSince).toEqual(failingSince);
    if (failingSince === null) {
      expect(view.billingStatus).toBe("ok");
      expect(view.disconnectAt).toBeNull();
      expect(view.daysUntilDisconnect).toBeNull();
    } else {
      expect(["warning", "critical", "disconnected"]).toContain(view.billingStatus);
    }
    if (alsoReports) expect(reasonCodes(view)).toContain(alsoReports);
  });

  it("a persisting alert keeps the ZVM's deadline, not one restarted at the success", () => {
    const view = computeBillingView(
      evidenceOf({
        lastSuccessfulSend: success,
        billingAlert: activeAlert(at("2026-10-28T12:00:00Z")),
        billingAlertObservedAt: pollAfterSuccess,
      }),
      DEFAULT_BILLING_SETTINGS,
      NOW,
    );

    expect(view.disconnectAt?.toISOString()).toBe("2026-11-12T12:00:00.000Z");
    expect(view.billingStatus).toBe("critical");
    expect(view.daysUntilDisconnect).toBe(2);
  });

  it("names the failed test as the start when it is the earliest evidence", () => {
    const view = computeBillingView(
      evidenceOf({ lastSuccessfulSend: success, firstFailureAfterSuccessAt: afterSuccess }),
      DEFAULT_BILLING_SETTINGS,
      NOW,
    );

    expect(view.statusReasons[0]?.message).toContain("since 2026-11-06 00:00 UTC (test transmission failed)");
  });
});
