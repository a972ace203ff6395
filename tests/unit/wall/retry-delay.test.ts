import { describe, expect, it } from "vitest";
import { formatClock, retryDelayMs } from "@/lib/connection/retry-delay";

describe("retryDelayMs", () => {
  it.each([
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [4, 16_000],
    [5, 30_000],
    [50, 30_000],
    [0, 2_000],
  ])("try %i waits %i ms", (attempt, delay) => {
    expect(retryDelayMs(attempt)).toBe(delay);
  });
});

describe("formatClock", () => {
  it("says hours and minutes in UTC", () => {
    expect(formatClock(new Date("2026-11-26T01:07:59.900Z"))).toBe("01:07 UTC");
  });
});
