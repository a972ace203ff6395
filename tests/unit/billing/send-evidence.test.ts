import { describe, expect, it } from "vitest";
import { computeBillingView, DEFAULT_BILLING_SETTINGS, type BillingEvidence, type SendSource } from "@/lib/billing";
import { activeAlert, at, evidenceOf, NOW, reasonCodes } from "./fixtures";

const poll = at("2026-11-10T11:59:00Z");

interface SendCase {
  name: string;
  evidence: Partial<BillingEvidence>;
  lastSuccessfulSendAt: Date | null;
  source: SendSource | null;
  noFailureReportedAt: Date | null;
}

const cases: SendCase[] = [
  {
    name: "no alert on a fresh poll: 'no failure reported', never an invented success",
    evidence: { billingAlert: { active: false, turnedOn: null }, billingAlertObservedAt: poll },
    lastSuccessfulSendAt: null,
    source: null,
    noFailureReportedAt: poll,
  },
  {
    name: "a passed test newer than the poll: the success is shown, with its source",
    evidence: {
      billingAlertObservedAt: at("2026-11-10T11:00:00Z"),
      lastSuccessfulSend: { at: at("2026-11-10T11:30:00Z"), source: "test-transmission" },
    },
    lastSuccessfulSendAt: at("2026-11-10T11:30:00Z"),
    source: "test-transmission",
    noFailureReportedAt: null,
  },
  {
    name: "a success at the same instant as the poll: the success wins",
    evidence: { lastSuccessfulSend: { at: poll, source: "collector" } },
    lastSuccessfulSendAt: poll,
    source: "collector",
    noFailureReportedAt: null,
  },
  {
    name: "a collector-reported send older than the poll: both are shown",
    evidence: { lastSuccessfulSend: { at: at("2026-11-09T03:00:00Z"), source: "collector" } },
    lastSuccessfulSendAt: at("2026-11-09T03:00:00Z"),
    source: "collector",
    noFailureReportedAt: poll,
  },
  {
    name: "alert state never observed: nothing to say",
    evidence: { billingAlert: null, billingAlertObservedAt: null },
    lastSuccessfulSendAt: null,
    source: null,
    noFailureReportedAt: null,
  },
  {
    name: "alert active: no 'no failure reported'",
    evidence: { billingAlert: activeAlert(at("2026-11-09T00:00:00Z")) },
    lastSuccessfulSendAt: null,
    source: null,
    noFailureReportedAt: null,
  },
  {
    name: "alert off but a failed test still stands: no 'no failure reported' beside 'failing since'",
    evidence: { firstFailureAfterSuccessAt: at("2026-11-10T11:00:00Z") },
    lastSuccessfulSendAt: null,
    source: null,
    noFailureReportedAt: null,
  },
];

describe("send evidence shown to the user", () => {
  it.each(cases)("$name", ({ evidence, lastSuccessfulSendAt, source, noFailureReportedAt }) => {
    const view = computeBillingView(evidenceOf(evidence), DEFAULT_BILLING_SETTINGS, NOW);

    expect(view.lastSuccessfulSendAt).toEqual(lastSuccessfulSendAt);
    expect(view.lastSuccessfulSendSource).toBe(source);
    expect(view.noFailureReportedAt).toEqual(noFailureReportedAt);
  });

  it("flags an appliance with neither a send result nor an alert state", () => {
    const view = computeBillingView(
      evidenceOf({ billingAlert: null, billingAlertObservedAt: null }),
      DEFAULT_BILLING_SETTINGS,
      NOW,
    );

    expect(view.billingStatus).toBe("ok");
    expect(reasonCodes(view)).toEqual(["no-billing-evidence"]);
  });
});

describe("clock skew", () => {
  it.each([
    { name: "in sync", skew: 0, finding: false, message: null },
    { name: "exactly at the 60 s limit", skew: 60, finding: false, message: null },
    { name: "61 s ahead", skew: 61, finding: true, message: "ZVM clock is 61 s ahead of the monitoring server" },
    { name: "61 s behind", skew: -61, finding: true, message: "ZVM clock is 61 s behind the monitoring server" },
    { name: "an hour ahead (timezone set instead of UTC)", skew: 3600, finding: true, message: "ZVM clock is 60 min ahead" },
    { name: "not measured", skew: null, finding: false, message: null },
  ])("$name", ({ skew, finding, message }) => {
    const view = computeBillingView(evidenceOf({ clockSkewSeconds: skew }), DEFAULT_BILLING_SETTINGS, NOW);

    expect(view.clockSkewSeconds).toBe(skew);
    expect(view.clockSkewFinding).toBe(finding);
    const reason = view.statusReasons.find((r) => r.code === "clock-skew");
    expect(reason?.message.slice(0, message?.length ?? 0) ?? null).toBe(message);
    expect(view.billingStatus).toBe("ok");
  });

  it("honours a custom limit", () => {
    const settings = { ...DEFAULT_BILLING_SETTINGS, clockSkewLimitSeconds: 5 };
    const view = computeBillingView(evidenceOf({ clockSkewSeconds: -6 }), settings, NOW);

    expect(view.clockSkewFinding).toBe(true);
  });
});
