import { describe, expect, it } from "vitest";
import {
  computeBillingView,
  DEFAULT_BILLING_SETTINGS,
  isBillingDayAtRisk,
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

  it.each<[string, BillingStatus, Date | null, boolean]>([
    ["a send proven an hour ago", "ok", ago(HOUR), false],
    ["a send proven exactly 24 h ago", "ok", ago(24 * HOUR), false],
    ["a send proven 24 h and 1 ms ago", "ok", ago(24 * HOUR + 1), true],
    ["no proof of any send", "ok", null, true],
    ["failing, last proof two days ago", "warning", ago(48 * HOUR), true],
    ["exempt, nothing to send", "exempt", null, false],
  ])("%s", (_name, billingStatus, lastSuccessfulSendAt, atRisk) => {
    expect(isBillingDayAtRisk({ billingStatus, lastSuccessfulSendAt }, NOW)).toBe(atRisk);
  });

  it("an appliance that only shows 'no failure reported' is at risk: that is not proof of a send", () => {
    const view = computeBillingView(evidenceOf(), DEFAULT_BILLING_SETTINGS, NOW);

    expect(view.billingStatus).toBe("ok");
    expect(view.noFailureReportedAt).not.toBeNull();
    expect(isBillingDayAtRisk(view, NOW)).toBe(true);
  });
});
