import { describe, expect, it } from "vitest";
import { leaseProblem, pollLeaseMs, staleWindowMs, worstTakeoverGapMs } from "@/lib/poller/poll-lease";
import { DEFAULT_SETTINGS } from "@/lib/settings/settings-schema";

const settings = (change: Partial<typeof DEFAULT_SETTINGS>) => ({ ...DEFAULT_SETTINGS, ...change });

describe("the poll lease and the staleness window", () => {
  it("covers a wait for a lane and a whole poll, with a margin", () => {
    expect(pollLeaseMs({ pollTimeoutSeconds: 20 })).toBe(45_000);
    expect(pollLeaseMs({ pollTimeoutSeconds: 2 })).toBe(9_000);
  });

  it.each([
    // The case the probe found: 20 s timeout (then a 120 s lease) and a 60 s interval against a 180 s window.
    { change: { pollIntervalSeconds: 60 }, holds: true, gap: 153 },
    { change: {}, holds: true, gap: 417 },
    { change: { pollIntervalSeconds: 60, pollTimeoutSeconds: 30 }, holds: false, gap: 193 },
    { change: { pollIntervalSeconds: 10, pollTimeoutSeconds: 5 }, holds: false, gap: 38 },
    { change: { pollIntervalSeconds: 10, pollTimeoutSeconds: 5, staleAfterPolls: 4 }, holds: true, gap: 38 },
    { change: { staleAfterPolls: 1 }, holds: false, gap: 417 },
    { change: { pollIntervalSeconds: 86_400, pollTimeoutSeconds: 300, pollJitterRatio: 0.5 }, holds: true, gap: 130_807 },
  ])("$change: a dead worker's appliances have data again within $gap s; holds: $holds", ({ change, holds, gap }) => {
    const chosen = settings(change);
    expect(Math.ceil(worstTakeoverGapMs(chosen) / 1000)).toBe(gap);
    expect(leaseProblem(chosen) === null).toBe(holds);
    expect(worstTakeoverGapMs(chosen) <= staleWindowMs(chosen)).toBe(holds);
  });

  it("says why settings cannot hold, and what to change", () => {
    expect(leaseProblem(settings({ pollIntervalSeconds: 60, pollTimeoutSeconds: 30 }))).toEqual({
      field: "pollTimeoutSeconds",
      message:
        "with a 60 s poll interval (±10%), a 30 s poll timeout and stale after 3 interval(s) (180 s), a worker that dies can leave " +
        "its appliances without data for up to 193 s (the interval, a 65 s lease and two poll timeouts), so they would show stale " +
        "for Lifeline's own fault; lower pollTimeoutSeconds, or raise pollIntervalSeconds or staleAfterPolls",
    });
  });

  it("holds for the shipped defaults", () => {
    expect(leaseProblem(DEFAULT_SETTINGS)).toBeNull();
  });
});
