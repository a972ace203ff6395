import { describe, expect, it } from "vitest";
import { computeBillingView, DEFAULT_BILLING_SETTINGS, type BillingEvidence, type BillingStatus } from "@/lib/billing";
import { activeAlert, at, before, evidenceOf, NOW, reasonCodes } from "./fixtures";

const SECOND = 1000;

interface StaleCase {
  name: string;
  evidence: Partial<BillingEvidence>;
  status: BillingStatus;
  daysLeft: number | null;
  reasons: string[];
}

const lastPoll = before(NOW, 901 * SECOND);
const staleBase = { lastDataAt: lastPoll, billingAlertObservedAt: lastPoll };

const cases: StaleCase[] = [
  {
    name: "exactly 900 s (3 polls) without data: still fresh",
    evidence: { lastDataAt: before(NOW, 900 * SECOND) },
    status: "ok",
    daysLeft: null,
    reasons: [],
  },
  {
    name: "901 s without data: stale",
    evidence: staleBase,
    status: "stale",
    daysLeft: null,
    reasons: ["stale"],
  },
  {
    name: "stale while failing: stale, and the countdown keeps running",
    evidence: { ...staleBase, billingAlert: activeAlert(at("2026-11-05T12:00:00Z")) },
    status: "stale",
    daysLeft: 10,
    reasons: ["stale", "billing-failing"],
  },
  {
    name: "stale while critical: stale, with the critical reason first",
    evidence: { ...staleBase, billingAlert: activeAlert(at("2026-10-30T12:00:00Z")) },
    status: "stale",
    daysLeft: 4,
    reasons: ["billing-failing", "stale"],
  },
  {
    name: "stale with the last known countdown run out: disconnected",
    evidence: { ...staleBase, billingAlert: activeAlert(at("2026-10-20T12:00:00Z")) },
    status: "disconnected",
    daysLeft: 0,
    reasons: ["grace-expired", "stale"],
  },
  {
    name: "stale with the disconnection alert last seen active: disconnected",
    evidence: { ...staleBase, disconnectionAlert: activeAlert(at("2026-11-09T00:00:00Z")) },
    status: "disconnected",
    daysLeft: 0,
    reasons: ["disconnection-alert", "stale"],
  },
  {
    name: "stale exempt appliance: stale (its licence may have changed since)",
    evidence: { ...staleBase, role: "test", licenseType: "NFR" },
    status: "stale",
    daysLeft: null,
    reasons: ["stale", "licence-exempt"],
  },
];

describe("staleness", () => {
  it.each(cases)("$name", ({ evidence, status, daysLeft, reasons }) => {
    const view = computeBillingView(evidenceOf(evidence), DEFAULT_BILLING_SETTINGS, NOW);

    expect(view.billingStatus).toBe(status);
    expect(view.daysUntilDisconnect).toBe(daysLeft);
    expect(reasonCodes(view)).toEqual(reasons);
  });

  it("the countdown of a silent appliance runs down day by day into disconnected", () => {
    const evidence = evidenceOf({
      lastDataAt: at("2026-11-05T13:00:00Z"),
      billingAlertObservedAt: at("2026-11-05T13:00:00Z"),
      billingAlert: activeAlert(at("2026-11-05T12:00:00Z")),
    });
    const read = (iso: string) => computeBillingView(evidence, DEFAULT_BILLING_SETTINGS, at(iso));

    expect([read("2026-11-10T12:00:00Z"), read("2026-11-17T12:00:00Z"), read("2026-11-20T12:00:00Z")].map((v) => [
      v.billingStatus,
      v.daysUntilDisconnect,
    ])).toEqual([
      ["stale", 10],
      ["stale", 3],
      ["disconnected", 0],
    ]);
  });

  it("says the appliance is most likely disconnected when it went silent before the deadline", () => {
    const view = computeBillingView(
      evidenceOf({ ...staleBase, billingAlert: activeAlert(at("2026-10-20T12:00:00Z")) }),
      DEFAULT_BILLING_SETTINGS,
      NOW,
    );

    expect(view.statusReasons[0]?.message).toContain("has most likely stopped talking to its VRAs");
  });

  it("honours a custom staleness limit", () => {
    const settings = { ...DEFAULT_BILLING_SETTINGS, staleAfterSeconds: 60 };
    const view = computeBillingView(evidenceOf({ lastDataAt: before(NOW, 61 * SECOND) }), settings, NOW);

    expect(view.billingStatus).toBe("stale");
  });
});
