import { describe, expect, it } from "vitest";
import { ValidationError } from "@/lib/errors";
import {
  billingMonthPeriod,
  calendarMonthPeriod,
  currentBillingMonth,
  customRangePeriod,
  lastBillingMonth,
  lastFullMonth,
  periodDays,
  periodSpan,
  resolvePeriod,
  shiftPeriod,
} from "@/lib/history/compliance-period";

const at = (iso: string) => new Date(iso);
const NOW = at("2026-11-25T21:00:00Z");

describe("calendar months, in UTC", () => {
  it.each([
    ["2026-10", "2026-10-01", "2026-10-31", "October 2026"],
    ["2026-11", "2026-11-01", "2026-11-30", "November 2026"],
    ["2026-02", "2026-02-01", "2026-02-28", "February 2026"],
    ["2024-02", "2024-02-01", "2024-02-29", "February 2024"],
    ["2025-12", "2025-12-01", "2025-12-31", "December 2025"],
  ])("%s runs from %s to %s", (month, from, to, label) => {
    const period = calendarMonthPeriod(month, NOW);
    expect([period.from, period.to, period.label]).toEqual([from, to, label]);
  });

  it.each([
    // The month boundary is midnight UTC, whatever the offset the clock is read in.
    ["2026-11-01T00:00:00Z", "2026-10"],
    ["2026-10-31T23:59:59.999Z", "2026-09"],
    ["2026-11-01T01:00:00+02:00", "2026-09"],
    ["2026-10-31T23:30:00-02:00", "2026-10"],
    ["2026-01-15T12:00:00Z", "2025-12"],
  ])("at %s the last full month is %s", (now, month) => {
    expect(lastFullMonth(at(now))).toBe(month);
  });

  it("the default period is the last full month, complete", () => {
    const period = resolvePeriod({}, NOW);
    expect(period).toMatchObject({ kind: "month", from: "2026-10-01", to: "2026-10-31", through: "2026-10-31", partial: false, query: { month: "2026-10" } });
    expect(periodDays(period)).toHaveLength(31);
  });
});

describe("billing months: the 4th to the 3rd, billing day included", () => {
  it.each([
    ["2026-11", "2026-10-04", "2026-11-03"],
    ["2027-01", "2026-12-04", "2027-01-03"],
    ["2026-03", "2026-02-04", "2026-03-03"],
    ["2024-03", "2024-02-04", "2024-03-03"],
  ])("the billing month ending in %s runs from %s to %s", (month, from, to) => {
    const period = billingMonthPeriod(month, at("2027-06-01T00:00:00Z"));
    expect([period.from, period.to, period.billingDay]).toEqual([from, to, to]);
    expect(periodDays(period)[0]).toBe(from);
    expect(periodDays(period).at(-1)).toBe(to);
  });

  it.each([
    // On the 3rd the upload is under way: that billing month is not over yet.
    ["2026-11-03T23:59:59Z", "2026-10", "2026-11"],
    ["2026-11-04T00:00:00Z", "2026-11", "2026-12"],
    ["2026-11-01T08:00:00Z", "2026-10", "2026-11"],
    ["2027-01-02T08:00:00Z", "2026-12", "2027-01"],
  ])("at %s the last billing month is %s and the current one %s", (now, last, current) => {
    expect(lastBillingMonth(at(now))).toBe(last);
    expect(currentBillingMonth(at(now))).toBe(current);
  });

  it("is named by its billing day", () => {
    expect(resolvePeriod({ billing: "2026-11" }, NOW).label).toBe("Billing month 4 October 2026 to 3 November 2026");
  });
});

describe("a period under way counts today so far", () => {
  it("this month: figures through today, the rest to come", () => {
    const period = resolvePeriod({ month: "2026-11" }, NOW);
    expect(period).toMatchObject({ from: "2026-11-01", to: "2026-11-30", through: "2026-11-25", partial: true });
    expect(periodDays(period)).toHaveLength(25);
    // Today's span ends now, not at midnight: time failing is not counted ahead.
    expect(periodSpan(period, NOW)).toEqual({ start: at("2026-11-01T00:00:00Z"), end: NOW });
  });

  it("a finished month's span ends at its last midnight", () => {
    expect(periodSpan(resolvePeriod({ month: "2026-10" }, NOW), NOW)).toEqual({ start: at("2026-10-01T00:00:00Z"), end: at("2026-11-01T00:00:00Z") });
  });

  it("the billing month under way", () => {
    expect(resolvePeriod({ billing: "2026-12" }, NOW)).toMatchObject({ from: "2026-11-04", through: "2026-11-25", partial: true, billingDay: "2026-12-03" });
  });

  it("a period that has not started is refused, naming the newest day", () => {
    expect(() => resolvePeriod({ month: "2026-12" }, NOW)).toThrow(/December 2026 has not started yet; the newest day with figures is 2026-11-25/);
  });
});

describe("custom ranges", () => {
  it("both days included", () => {
    const period = customRangePeriod("2026-10-05", "2026-10-19", NOW);
    expect(periodDays(period)).toHaveLength(15);
    expect(period.label).toBe("2026-10-05 to 2026-10-19");
  });

  it.each([
    [{ from: "2026-10-19", to: "2026-10-05" }, /to: must be on or after from/],
    [{ from: "2025-01-01", to: "2026-01-02" }, /at most 366 days/],
    [{ from: "2026-02-30", to: "2026-03-02" }, /from: is not a calendar day/],
    [{ from: "2026-10-01" }, /to: a custom range needs both from and to/],
    [{ month: "2026-13" }, /month: must be a month such as 2026-10/],
    [{ month: "2026-10", billing: "2026-11" }, /name one period/],
    [{ days: "7" }, /days: must be 30, 90, 365/],
  ])("%o is refused", (query, message) => {
    expect(() => resolvePeriod(query, NOW)).toThrow(ValidationError);
    expect(() => resolvePeriod(query, NOW)).toThrow(message);
  });

  it("the first version's rolling windows still answer", () => {
    expect(resolvePeriod({ days: "30" }, NOW)).toMatchObject({ from: "2026-10-27", through: "2026-11-25", label: "Last 30 days", query: { days: "30" } });
  });
});

describe("neighbours", () => {
  it("steps months and billing months, and not past today", () => {
    expect(shiftPeriod(resolvePeriod({ month: "2026-10" }, NOW), -1, NOW)?.query).toEqual({ month: "2026-09" });
    expect(shiftPeriod(resolvePeriod({ month: "2026-11" }, NOW), 1, NOW)).toBeNull();
    expect(shiftPeriod(resolvePeriod({ billing: "2027-01" }, at("2027-01-10T00:00:00Z")), -1, NOW)?.query).toEqual({ billing: "2026-12" });
    expect(shiftPeriod(customRangePeriod("2026-10-05", "2026-10-19", NOW), 1, NOW)).toBeNull();
  });
});
