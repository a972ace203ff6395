import { describe, expect, it } from "vitest";
import {
  cpuSecondsOfStat,
  lastWindow,
  medianOf,
  percentileOf,
  rssBytesOfStatus,
  slopePerMinute,
  targetsFor,
  unlabelledSamples,
  verdictsOf,
} from "../../../bench/lib/soak-stats";

describe("rssBytesOfStatus", () => {
  it.each([
    ["Name:\tnode\nVmPeak:\t 900 kB\nVmRSS:\t  204800 kB\nRssAnon:\t 1 kB\n", 204_800 * 1024],
    ["Name:\tnode\nState:\tZ (zombie)\n", null],
  ])("reads VmRSS (%#)", (status, expected) => {
    expect(rssBytesOfStatus(status)).toBe(expected);
  });
});

describe("cpuSecondsOfStat", () => {
  it("adds user and system time, in ticks of 1/100 s", () => {
    const stat = "4242 (node) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 566 0 0 20 0 11 0 100 1000000 5000";
    expect(cpuSecondsOfStat(stat)).toBeCloseTo(18);
  });
  it("counts fields from the last parenthesis: a command name may hold spaces and parentheses", () => {
    const stat = "77 (next-server (v16) x) R 1 77 77 0 -1 0 0 0 0 0 300 100 0 0 20 0 1 0 1 1 1";
    expect(cpuSecondsOfStat(stat)).toBeCloseTo(4);
  });
  it("is null for text that is not a stat line", () => {
    expect(cpuSecondsOfStat("nonsense")).toBeNull();
  });
});

describe("unlabelledSamples", () => {
  it("takes the named series without labels and skips comments, labelled and other series", () => {
    const text = [
      "# HELP nodejs_heap_size_used_bytes Process heap size used from Node.js in bytes.",
      "# TYPE nodejs_heap_size_used_bytes gauge",
      "nodejs_heap_size_used_bytes 73400320",
      'nodejs_heap_space_size_used_bytes{space="old"} 1',
      "lifeline_poll_lag_seconds 2.5",
      "process_resident_memory_bytes 3.1e8 1700000000000",
      "",
    ].join("\n");
    const samples = unlabelledSamples(text, ["nodejs_heap_size_used_bytes", "lifeline_poll_lag_seconds", "process_resident_memory_bytes", "absent"]);
    expect(Object.fromEntries(samples)).toEqual({
      nodejs_heap_size_used_bytes: 73_400_320,
      lifeline_poll_lag_seconds: 2.5,
      process_resident_memory_bytes: 3.1e8,
    });
  });
});

describe("percentileOf and medianOf", () => {
  it.each([
    [[5, 1, 4, 2, 3], 0.5, 3],
    [[5, 1, 4, 2, 3], 0.99, 5],
    [[5, 1, 4, 2, 3], 0, 1],
    [Array.from({ length: 100 }, (_, i) => i + 1), 0.99, 99],
    [[7], 0.99, 7],
  ])("percentile of %j at %d is %d", (values, share, expected) => {
    expect(percentileOf(values, share)).toBe(expected);
  });
  it("is NaN for no values", () => {
    expect(percentileOf([], 0.5)).toBeNaN();
    expect(medianOf([])).toBeNaN();
  });
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
  ])("median of %j is %d", (values, expected) => {
    expect(medianOf(values)).toBe(expected);
  });
});

describe("slopePerMinute", () => {
  const minute = 60_000;
  it("is the growth per minute of a straight line", () => {
    const points = Array.from({ length: 11 }, (_, i) => ({ atMs: i * 30_000, value: 200 + i * 1.5 }));
    expect(slopePerMinute(points)).toBeCloseTo(3);
  });
  it("is about zero for a flat sawtooth (garbage collection), whatever its phase", () => {
    const points = Array.from({ length: 60 }, (_, i) => ({ atMs: i * 5_000, value: 250 + (i % 6) * 4 }));
    expect(Math.abs(slopePerMinute(points))).toBeLessThan(0.5);
  });
  it("is negative when memory is given back", () => {
    expect(slopePerMinute([{ atMs: 0, value: 300 }, { atMs: 2 * minute, value: 280 }])).toBeCloseTo(-10);
  });
  it("is NaN without two distinct times", () => {
    expect(slopePerMinute([{ atMs: 0, value: 1 }])).toBeNaN();
    expect(slopePerMinute([{ atMs: 5, value: 1 }, { atMs: 5, value: 2 }])).toBeNaN();
  });
});

describe("lastWindow", () => {
  it("keeps the points within the window before the newest", () => {
    const points = [0, 60_000, 120_000, 400_000].map((atMs) => ({ atMs, value: atMs }));
    expect(lastWindow(points, 300_000).map((point) => point.atMs)).toEqual([120_000, 400_000]);
    expect(lastWindow([], 300_000)).toEqual([]);
  });
});

describe("verdictsOf", () => {
  it("says which targets are met, per database", () => {
    const figures = { steadyRssMb: 350, slopeMbPerMin: -0.4, pollLagP99Seconds: 12, cpuShare: 0.3 };
    expect(verdictsOf(figures, targetsFor("embedded")).map((verdict) => verdict.met)).toEqual([true, true, false, true]);
    expect(verdictsOf(figures, targetsFor("postgres")).map((verdict) => verdict.met)).toEqual([false, true, false, true]);
  });
  it("does not count a figure it could not measure as met", () => {
    const figures = { steadyRssMb: Number.NaN, slopeMbPerMin: Number.NaN, pollLagP99Seconds: Number.NaN, cpuShare: Number.NaN };
    expect(verdictsOf(figures, targetsFor("postgres")).some((verdict) => verdict.met)).toBe(false);
  });
});
