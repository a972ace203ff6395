import { describe, expect, it } from "vitest";
import { computeBillingView, DEFAULT_BILLING_SETTINGS } from "@/lib/billing";
import { activeAlert, at, evidenceOf } from "./fixtures";

// ZVM timestamps carry offsets; the parser elsewhere turns them into Dates.
// 10:00+02:00 is 08:00Z, so the 15-day deadline is 2026-11-16T08:00:00Z.
const turnedOnWithOffset = at("2026-11-01T10:00:00+02:00");

function viewAt(nowIso: string, turnedOn = turnedOnWithOffset) {
  const now = at(nowIso);
  const evidence = evidenceOf({
    billingAlert: activeAlert(turnedOn),
    lastDataAt: new Date(now.getTime() - 60_000),
    billingAlertObservedAt: new Date(now.getTime() - 60_000),
  });
  return computeBillingView(evidence, DEFAULT_BILLING_SETTINGS, now);
}

describe("countdown boundaries", () => {
  it.each([
    { name: "one millisecond before the deadline: critical, 0 days left", now: "2026-11-16T07:59:59.999Z", status: "critical", daysLeft: 0 },
    { name: "exactly at the deadline: disconnected", now: "2026-11-16T08:00:00.000Z", status: "disconnected", daysLeft: 0 },
    { name: "one millisecond after the deadline: disconnected", now: "2026-11-16T08:00:00.001Z", status: "disconnected", daysLeft: 0 },
    { name: "exactly 1 day left: critical, 1 day", now: "2026-11-15T08:00:00.000Z", status: "critical", daysLeft: 1 },
    { name: "exactly 5 days left (threshold): critical", now: "2026-11-11T08:00:00.000Z", status: "critical", daysLeft: 5 },
    { name: "5 days and 1 ms left: still reads 5 days, critical", now: "2026-11-11T07:59:59.999Z", status: "critical", daysLeft: 5 },
    { name: "exactly 6 days left: warning", now: "2026-11-10T08:00:00.000Z", status: "warning", daysLeft: 6 },
    { name: "the moment the alert turned on: warning, 15 days", now: "2026-11-01T08:00:00.000Z", status: "warning", daysLeft: 15 },
    { name: "a minute later: 14 days (rounded down)", now: "2026-11-01T08:01:00.000Z", status: "warning", daysLeft: 14 },
  ])("$name", ({ now, status, daysLeft }) => {
    const view = viewAt(now);

    expect(view.disconnectAt?.toISOString()).toBe("2026-11-16T08:00:00.000Z");
    expect(view.billingStatus).toBe(status);
    expect(view.daysUntilDisconnect).toBe(daysLeft);
  });

  it.each([
    { name: "+02:00 offset", turnedOn: "2026-11-01T10:00:00+02:00", failingSince: "2026-11-01T08:00:00.000Z", disconnectAt: "2026-11-16T08:00:00.000Z" },
    { name: "-05:00 offset", turnedOn: "2026-11-01T10:00:00-05:00", failingSince: "2026-11-01T15:00:00.000Z", disconnectAt: "2026-11-16T15:00:00.000Z" },
    { name: "Z suffix", turnedOn: "2026-11-01T10:00:00Z", failingSince: "2026-11-01T10:00:00.000Z", disconnectAt: "2026-11-16T10:00:00.000Z" },
    { name: "+05:30 offset crossing midnight", turnedOn: "2026-11-01T02:00:00+05:30", failingSince: "2026-10-31T20:30:00.000Z", disconnectAt: "2026-11-15T20:30:00.000Z" },
  ])("turnedOn with $name is placed on the UTC timeline", ({ turnedOn, failingSince, disconnectAt }) => {
    const view = viewAt("2026-11-05T00:00:00Z", at(turnedOn));

    expect(view.failingSince?.toISOString()).toBe(failingSince);
    expect(view.disconnectAt?.toISOString()).toBe(disconnectAt);
  });

  it("an offset decides the day count: 10:00+02:00 seen at 09:00Z nine days later is critical with 5 days left", () => {
    // Misread as 10:00Z it would leave 6 d 1 h (warning); it is 08:00Z, so 5 d 23 h are left.
    const view = viewAt("2026-11-10T09:00:00Z");

    expect(view.daysUntilDisconnect).toBe(5);
    expect(view.billingStatus).toBe("critical");
  });
});
