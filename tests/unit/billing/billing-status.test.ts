import { describe, expect, it } from "vitest";
import { computeBillingView, DEFAULT_BILLING_SETTINGS, type BillingEvidence, type BillingStatus } from "@/lib/billing";
import { activeAlert, at, evidenceOf, NOW, reasonCodes } from "./fixtures";

interface StatusCase {
  name: string;
  evidence: Partial<BillingEvidence>;
  status: BillingStatus;
  failingSince: string | null;
  disconnectAt: string | null;
  daysLeft: number | null;
  headline: string;
}

// NOW is 2026-11-10T12:00Z; 15 days of grace, critical at 5 days or fewer.
const cases: StatusCase[] = [
  {
    name: "ok: no alert on a fresh poll",
    evidence: {},
    status: "ok",
    failingSince: null,
    disconnectAt: null,
    daysLeft: null,
    headline: "none",
  },
  {
    name: "warning: alert raised 5 days ago, 10 days left",
    evidence: { billingAlert: activeAlert(at("2026-11-05T12:00:00Z")) },
    status: "warning",
    failingSince: "2026-11-05T12:00:00.000Z",
    disconnectAt: "2026-11-20T12:00:00.000Z",
    daysLeft: 10,
    headline: "billing-failing",
  },
  {
    name: "warning: exactly 6 days left",
    evidence: { billingAlert: activeAlert(at("2026-11-01T12:00:00Z")) },
    status: "warning",
    failingSince: "2026-11-01T12:00:00.000Z",
    disconnectAt: "2026-11-16T12:00:00.000Z",
    daysLeft: 6,
    headline: "billing-failing",
  },
  {
    name: "critical: 5 days 23 h 59 min left reads as 5 days",
    evidence: { billingAlert: activeAlert(at("2026-11-01T11:59:00Z")) },
    status: "critical",
    failingSince: "2026-11-01T11:59:00.000Z",
    disconnectAt: "2026-11-16T11:59:00.000Z",
    daysLeft: 5,
    headline: "billing-failing",
  },
  {
    name: "critical: exactly 5 days left (the threshold)",
    evidence: { billingAlert: activeAlert(at("2026-10-31T12:00:00Z")) },
    status: "critical",
    failingSince: "2026-10-31T12:00:00.000Z",
    disconnectAt: "2026-11-15T12:00:00.000Z",
    daysLeft: 5,
    headline: "billing-failing",
  },
  {
    name: "critical: 18 hours left reads as 0 days",
    evidence: { billingAlert: activeAlert(at("2026-10-27T06:00:00Z")) },
    status: "critical",
    failingSince: "2026-10-27T06:00:00.000Z",
    disconnectAt: "2026-11-11T06:00:00.000Z",
    daysLeft: 0,
    headline: "billing-failing",
  },
  {
    name: "disconnected: grace period ran out 6 days ago, days left stays 0",
    evidence: { billingAlert: activeAlert(at("2026-10-20T12:00:00Z")) },
    status: "disconnected",
    failingSince: "2026-10-20T12:00:00.000Z",
    disconnectAt: "2026-11-04T12:00:00.000Z",
    daysLeft: 0,
    headline: "grace-expired",
  },
  {
    name: "disconnected: the ZVM's disconnection alert is active, even early in our countdown",
    evidence: {
      billingAlert: activeAlert(at("2026-11-05T12:00:00Z")),
      disconnectionAlert: activeAlert(at("2026-11-09T12:00:00Z")),
    },
    status: "disconnected",
    failingSince: "2026-11-05T12:00:00.000Z",
    disconnectAt: "2026-11-09T12:00:00.000Z",
    daysLeft: 0,
    headline: "disconnection-alert",
  },
  {
    name: "disconnected: only the disconnection alert is seen (billing alert already gone)",
    evidence: { disconnectionAlert: activeAlert(at("2026-11-08T00:00:00Z")) },
    status: "disconnected",
    failingSince: "2026-11-08T00:00:00.000Z",
    disconnectAt: "2026-11-08T00:00:00.000Z",
    daysLeft: 0,
    headline: "disconnection-alert",
  },
  {
    name: "warning: a failed test transmission 2 days ago, no alert yet",
    evidence: {
      lastSuccessfulSend: { at: at("2026-11-01T00:00:00Z"), source: "test-transmission" },
      firstFailureAfterSuccessAt: at("2026-11-08T12:00:00Z"),
    },
    status: "warning",
    failingSince: "2026-11-08T12:00:00.000Z",
    disconnectAt: "2026-11-23T12:00:00.000Z",
    daysLeft: 13,
    headline: "billing-failing",
  },
  {
    name: "unknown: never seen any data",
    evidence: { lastDataAt: null, billingAlert: null, disconnectionAlert: null, billingAlertObservedAt: null },
    status: "unknown",
    failingSince: null,
    disconnectAt: null,
    daysLeft: null,
    headline: "no-data",
  },
];

describe("computeBillingView: status and countdown", () => {
  it.each(cases)("$name", (testCase) => {
    const view = computeBillingView(evidenceOf(testCase.evidence), DEFAULT_BILLING_SETTINGS, NOW);

    expect(view.billingStatus).toBe(testCase.status);
    expect(view.failingSince?.toISOString() ?? null).toBe(testCase.failingSince);
    expect(view.disconnectAt?.toISOString() ?? null).toBe(testCase.disconnectAt);
    expect(view.daysUntilDisconnect).toBe(testCase.daysLeft);
    expect(view.statusReasons[0]?.code ?? "none").toBe(testCase.headline);
  });

  it("tells the user when and how the failure started, and when it disconnects", () => {
    const view = computeBillingView(
      evidenceOf({ billingAlert: activeAlert(at("2026-11-05T12:00:00Z")) }),
      DEFAULT_BILLING_SETTINGS,
      NOW,
    );

    expect(view.statusReasons[0]).toEqual({
      code: "billing-failing",
      severity: "warning",
      message:
        "Usage not sent since 2026-11-05 12:00 UTC (billing alert raised). " +
        "The ZVM stops talking to its VRAs on 2026-11-20 12:00 UTC (10 days left).",
    });
  });

  it.each([
    { name: "critical reason is critical", turnedOn: "2026-10-31T12:00:00Z", severity: "critical" },
    { name: "grace-expired reason is critical", turnedOn: "2026-10-01T12:00:00Z", severity: "critical" },
    { name: "warning reason is warning", turnedOn: "2026-11-09T12:00:00Z", severity: "warning" },
  ])("$name", ({ turnedOn, severity }) => {
    const view = computeBillingView(
      evidenceOf({ billingAlert: activeAlert(at(turnedOn)) }),
      DEFAULT_BILLING_SETTINGS,
      NOW,
    );

    expect(view.statusReasons[0]?.severity).toBe(severity);
  });

  it.each([
    { name: "10-day grace, alert 8 days old: 2 days left is critical at threshold 3", turnedOn: "2026-11-02T12:00:00Z", status: "critical", daysLeft: 2 },
    { name: "10-day grace, alert 6 days old: 4 days left is warning at threshold 3", turnedOn: "2026-11-04T12:00:00Z", status: "warning", daysLeft: 4 },
    { name: "10-day grace, alert 10 days old: disconnected", turnedOn: "2026-10-31T12:00:00Z", status: "disconnected", daysLeft: 0 },
  ])("settings are honoured: $name", ({ turnedOn, status, daysLeft }) => {
    const settings = { ...DEFAULT_BILLING_SETTINGS, graceDays: 10, criticalDays: 3 };
    const view = computeBillingView(evidenceOf({ billingAlert: activeAlert(at(turnedOn)) }), settings, NOW);

    expect(view.billingStatus).toBe(status);
    expect(view.daysUntilDisconnect).toBe(daysLeft);
  });

  it("keeps computing the countdown before any data has arrived", () => {
    const view = computeBillingView(
      evidenceOf({ lastDataAt: null, billingAlert: activeAlert(at("2026-11-05T12:00:00Z")) }),
      DEFAULT_BILLING_SETTINGS,
      NOW,
    );

    expect(view.billingStatus).toBe("unknown");
    expect(view.daysUntilDisconnect).toBe(10);
    expect(reasonCodes(view)).toEqual(["billing-failing", "no-data"]);
  });
});
