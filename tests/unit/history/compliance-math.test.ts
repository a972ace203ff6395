import { describe, expect, it } from "vitest";
import { billingDayOf, billingMonthStart, groupByBillingMonth, minutesFailingOn, type DailyTotals } from "@/lib/history/compliance-math";

const at = (iso: string) => new Date(iso);
const DAY_START = at("2026-11-22T00:00:00Z");

describe("minutesFailingOn", () => {
  it.each([
    ["no episode", [], "2026-11-22T12:00:00Z", 0],
    ["failing since before the day, still failing at noon", [["2026-11-20T08:00:00Z", null]], "2026-11-22T12:00:00Z", 720],
    ["failing all of a finished day", [["2026-11-20T08:00:00Z", null]], "2026-11-23T05:00:00Z", 1440],
    ["recovered at 01:30", [["2026-11-20T08:00:00Z", "2026-11-22T01:30:00Z"]], "2026-11-22T12:00:00Z", 90],
    ["started at 23:00, seen the next day", [["2026-11-22T23:00:00Z", null]], "2026-11-23T01:00:00Z", 60],
    [
      "two episodes in one day",
      [
        ["2026-11-22T01:00:00Z", "2026-11-22T02:00:00Z"],
        ["2026-11-22T10:00:00Z", "2026-11-22T10:30:00Z"],
      ],
      "2026-11-22T12:00:00Z",
      90,
    ],
    [
      "overlapping episodes count each minute once",
      [
        ["2026-11-22T01:00:00Z", "2026-11-22T03:00:00Z"],
        ["2026-11-22T02:00:00Z", "2026-11-22T04:00:00Z"],
      ],
      "2026-11-22T12:00:00Z",
      180,
    ],
    ["an episode of another day", [["2026-11-20T01:00:00Z", "2026-11-21T23:00:00Z"]], "2026-11-22T12:00:00Z", 0],
  ] as const)("%s", (_name, spans, now, minutes) => {
    const episodes = spans.map(([start, end]) => ({ startedAt: at(start), endedAt: end ? at(end) : null }));
    expect(minutesFailingOn(DAY_START, episodes, at(now))).toBe(minutes);
  });
});

describe("billing months", () => {
  it.each([
    ["2026-11-03", "2026-11-03"],
    ["2026-11-01", "2026-11-03"],
    ["2026-11-04", "2026-12-03"],
    ["2026-12-31", "2027-01-03"],
  ])("%s counts towards the billing day %s", (day, billingDay) => {
    expect(billingDayOf(at(`${day}T00:00:00Z`)).toISOString().slice(0, 10)).toBe(billingDay);
  });

  it("a billing month runs from the 4th to the next 3rd", () => {
    expect(billingMonthStart(at("2027-01-03T00:00:00Z")).toISOString().slice(0, 10)).toBe("2026-12-04");
  });

  it("groups days into billing months, newest first, with the billing day's own figures", () => {
    const day = (key: string, compliant: number, mustSend: number, extra: Partial<DailyTotals> = {}): DailyTotals => ({
      day: key,
      appliances: mustSend,
      mustSend,
      compliant,
      minutesFailing: 0,
      nearDisconnects: 0,
      disconnects: 0,
      recoveries: 0,
      recoveryMinutes: 0,
      ...extra,
    });
    const months = groupByBillingMonth([
      day("2026-11-02", 9, 10),
      day("2026-11-03", 8, 10, { recoveries: 1, recoveryMinutes: 120 }),
      day("2026-11-04", 10, 10, { minutesFailing: 30 }),
      day("2026-11-05", 10, 12),
    ]);
    expect(months).toEqual([
      expect.objectContaining({ billingDay: "2026-12-03", from: "2026-11-04", daysRecorded: 2, compliant: 20, mustSend: 22, minutesFailing: 30, appliances: 12, onBillingDay: null }),
      expect.objectContaining({
        billingDay: "2026-11-03",
        from: "2026-10-04",
        daysRecorded: 2,
        compliant: 17,
        mustSend: 20,
        recoveries: 1,
        recoveryMinutes: 120,
        onBillingDay: { compliant: 8, mustSend: 10 },
      }),
    ]);
  });
});
