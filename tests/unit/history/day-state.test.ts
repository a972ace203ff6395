import { describe, expect, it } from "vitest";
import type { BillingStatus } from "@/lib/billing";
import { nextDayState, type DayState } from "@/lib/history/day-state";

const sample = (billingStatus: BillingStatus, lastDataAt: Date | null) => ({
  name: "zvm-new",
  tenant: "acme",
  region: "ams",
  role: "production",
  billingStatus,
  lastDataAt,
});

describe("an appliance counts from its first data, not its registration", () => {
  it("samples before the first poll leave the day unrecorded; the first data starts it", () => {
    const registered = new Date("2026-10-15T09:00:00Z");
    let day: DayState | null = nextDayState(undefined, sample("unknown", null), 0);
    expect(day).toBeNull();
    day = nextDayState(day ?? undefined, sample("unknown", null), 0);
    expect(day).toBeNull();
    const polled = new Date(registered.getTime() + 90_000);
    day = nextDayState(day ?? undefined, sample("ok", polled), 0);
    expect(day).toMatchObject({ worst: "ok", last: "ok" });
  });

  it("an appliance that never answers records no day (the fleet page shows it stale, with why)", () => {
    expect(nextDayState(undefined, sample("stale", null), 0)).toBeNull();
  });

  it("once counting, the day keeps its worst status", () => {
    const first = nextDayState(undefined, sample("ok", new Date("2026-10-15T10:00:00Z")), 0) ?? undefined;
    const failing = nextDayState(first, sample("warning", new Date("2026-10-15T11:00:00Z")), 30) ?? undefined;
    expect(nextDayState(failing, sample("ok", new Date("2026-10-15T12:00:00Z")), 30)).toMatchObject({ worst: "warning", last: "ok", minutes: 30 });
  });
});
