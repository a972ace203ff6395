import { describe, expect, it } from "vitest";
import {
  computeBillingView,
  DEFAULT_BILLING_SETTINGS,
  isBillingDayAtRisk,
  isBillingDayUnproven,
  nextBillingDay,
  type BillingStatus,
} from "@/lib/billing";
import { at, evidenceOf, HOUR, NOW } from "./fixtures";

describe("nextBillingDay", () => {
  it.each([
    ["2026-11-10T12:00:00Z", "2026-12-03T00:00:00.000Z"],
    ["2026-11-01T00:00:00Z", "2026-11-03T00:00:00.000Z"],
    ["2026-11-02T23:59:59.999Z", "2026-11-03T00:00:00.000Z"],
    ["2026-11-03T00:00:00Z", "2026-11-03T00:00:00.000Z"],
    ["2026-11-03T23:59:59.999Z", "2026-11-03T00:00:00.000Z"],
    ["2026-11-04T00:00:00Z", "2026-12-03T00:00:00.000Z"],
    ["2026-12-10T08:00:00Z", "2027-01-03T00:00:00.000Z"],
    ["2027-02-28T23:00:00Z", "2027-03-03T00:00:00.000Z"],
    // Offsets: the day is the UTC day.
    ["2026-11-03T01:00:00+02:00", "2026-11-03T00:00:00.000Z"],
    ["2026-11-03T23:30:00-02:00", "2026-12-03T00:00:00.000Z"],
  ])("at %s the billing day to watch is %s", (now, expected) => {
    expect(nextBillingDay(at(now)).toISOString()).toBe(expected);
  });
});

describe("isBillingDayAtRisk", () => {
  const ago = (ms: number) => new Date(NOW.getTime() - ms);

  it.each<[string, BillingStatus, Date | null, Date | null, boolean]>([
    ["a send proven an hour ago", "ok", ago(HOUR), null, false],
    ["a send proven exactly 24 h ago", "ok", ago(24 * HOUR), null, false],
    ["a send proven 24 h and 1 ms ago, nothing read since", "ok", ago(24 * HOUR + 1), null, true],
    ["no proof, and no alert state read in 24 h", "ok", null, ago(25 * HOUR), true],
    ["no proof, but no failure reported at a read an hour ago", "ok", null, ago(HOUR), false],
    ["failing, though a send was proven an hour before the alert", "warning", ago(2 * HOUR), null, true],
    ["stale: not read within the staleness limit", "stale", ago(HOUR), null, true],
    ["never read", "unknown", null, null, true],
    ["exempt, nothing to send", "exempt", null, null, false],
  ])("%s", (_name, billingStatus, lastSuccessfulSendAt, noFailureReportedAt, atRisk) => {
    expect(isBillingDayAtRisk({ billingStatus, lastSuccessfulSendAt, noFailureReportedAt }, NOW)).toBe(atRisk);
  });

  it("a healthy appliance that only shows 'no failure reported' is not at risk, but not proven either", () => {
    const view = computeBillingView(evidenceOf(), DEFAULT_BILLING_SETTINGS, NOW);

    expect(view.billingStatus).toBe("ok");
    expect(view.noFailureReportedAt).not.toBeNull();
    expect(isBillingDayAtRisk(view, NOW)).toBe(false);
    expect(isBillingDayUnproven(view, NOW)).toBe(true);
  });

  it("a proven send leaves nothing to prove", () => {
    const view = computeBillingView(
      evidenceOf({ lastSuccessfulSend: { at: new Date(NOW.getTime() - 2 * HOUR), source: "test-transmission" } }),
      DEFAULT_BILLING_SETTINGS,
      NOW,
    );
    expect(isBillingDayAtRisk(view, NOW)).toBe(false);
    expect(isBillingDayUnproven(view, NOW)).toBe(false);
  });
});
