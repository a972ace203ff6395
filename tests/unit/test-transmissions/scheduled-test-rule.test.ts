import { describe, expect, it } from "vitest";
import { isScheduledTestDue, nextScheduledTestAt, scheduledTestExclusion, type ScheduledTestInput } from "@/lib/test-transmissions/scheduled-test-rule";

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);
const base: ScheduledTestInput = {
  role: "production",
  licenseType: "Cloud",
  lastDataAt: at("2026-11-01T00:00:00Z"),
  lastSuccessfulSendAt: null,
  lastTestRequestedAt: null,
  sendForbiddenAt: null,
};

describe("nextScheduledTestAt (every 24 h)", () => {
  const now = at("2026-11-20T12:00:00Z");
  it.each([
    { name: "never proven, never tested: due at the first successful reading", input: {}, due: "2026-11-01T00:00:00.000Z" },
    { name: "never read: not yet", input: { lastDataAt: null }, due: null },
    { name: "proven 2 h ago: 22 h from now", input: { lastSuccessfulSendAt: at("2026-11-20T10:00:00Z") }, due: "2026-11-21T10:00:00.000Z" },
    { name: "proven 30 h ago: due", input: { lastSuccessfulSendAt: at("2026-11-19T06:00:00Z") }, due: "2026-11-20T06:00:00.000Z" },
    {
      name: "a test asked for 1 h ago (it failed): the next in 23 h",
      input: { lastSuccessfulSendAt: at("2026-11-10T00:00:00Z"), lastTestRequestedAt: at("2026-11-20T11:00:00Z") },
      due: "2026-11-21T11:00:00.000Z",
    },
  ])("$name", ({ input, due }) => {
    expect(nextScheduledTestAt({ ...base, ...input }, 24, now)?.toISOString() ?? null).toBe(due);
  });

  it.each([
    { name: "test appliance", input: { role: "test" as const }, why: /test appliances/ },
    { name: "trial licence", input: { licenseType: "Trial" }, why: /sends no usage/ },
    { name: "NFR licence", input: { licenseType: "NFR" }, why: /sends no usage/ },
    { name: "sendUsage forbidden", input: { sendForbiddenAt: at("2026-11-19T00:00:00Z") }, why: /HTTP 403/ },
  ])("none for a $name", ({ input, why }) => {
    expect(scheduledTestExclusion({ ...base, ...input }, 24)).toMatch(why);
    expect(nextScheduledTestAt({ ...base, ...input }, 24, now)).toBeNull();
  });

  it("none when switched off (0)", () => {
    expect(nextScheduledTestAt(base, 0, now)).toBeNull();
  });

  it("an unknown licence is tested (it is assumed to send)", () => {
    expect(isScheduledTestDue({ ...base, licenseType: null }, 24, now)).toBe(true);
  });
});

describe("the day before the billing day (the 2nd, UTC)", () => {
  const everyWeek = 24 * 7;
  it.each([
    {
      name: "proven 30 h before: tested on the 2nd although the weekly window has not run out",
      now: "2026-12-02T00:10:00Z",
      input: { lastSuccessfulSendAt: at("2026-11-30T18:10:00Z"), lastTestRequestedAt: at("2026-11-30T18:00:00Z") },
      due: true,
    },
    {
      name: "proven 10 h before: not yet; due once the proof is a day old, still on the 2nd",
      now: "2026-12-02T00:10:00Z",
      input: { lastSuccessfulSendAt: at("2026-12-01T14:10:00Z"), lastTestRequestedAt: at("2026-12-01T14:00:00Z") },
      due: false,
      next: "2026-12-02T14:10:00.000Z",
    },
    {
      name: "already tested on the 2nd: not again that day",
      now: "2026-12-02T20:00:00Z",
      input: { lastSuccessfulSendAt: at("2026-11-28T00:00:00Z"), lastTestRequestedAt: at("2026-12-02T00:05:00Z") },
      due: false,
    },
    {
      name: "on the 1st the weekly window holds",
      now: "2026-12-01T12:00:00Z",
      input: { lastSuccessfulSendAt: at("2026-11-29T00:00:00Z"), lastTestRequestedAt: at("2026-11-29T00:00:00Z") },
      due: false,
      next: "2026-12-02T00:00:00.000Z",
    },
  ])("$name", ({ now, input, due, next }) => {
    expect(isScheduledTestDue({ ...base, ...input }, everyWeek, at(now))).toBe(due);
    if (next) expect(nextScheduledTestAt({ ...base, ...input }, everyWeek, at(now))?.toISOString()).toBe(next);
  });

  it("a proof made late on the 2nd moves the next test by the regular window", () => {
    const input = { ...base, lastSuccessfulSendAt: at("2026-12-02T23:00:00Z"), lastTestRequestedAt: at("2026-12-02T22:59:00Z") };
    expect(nextScheduledTestAt(input, 24, at("2026-12-03T01:00:00Z"))!.getTime()).toBe(at("2026-12-03T23:00:00Z").getTime());
    expect(nextScheduledTestAt(input, 24, at("2026-12-03T01:00:00Z"))!.getTime() - input.lastSuccessfulSendAt.getTime()).toBe(24 * HOUR);
  });
});
