import { describe, expect, it } from "vitest";
import { retryDelayMs, withinGiveUp } from "@/lib/alerts/retry-schedule";

describe("retries", () => {
  it.each([
    { attempts: 1, delay: 5_000 },
    { attempts: 2, delay: 10_000 },
    { attempts: 3, delay: 20_000 },
    { attempts: 7, delay: 320_000 },
    { attempts: 8, delay: 600_000 },
    { attempts: 30, delay: 600_000 },
  ])("after $attempts failed attempts, wait $delay ms (without jitter)", ({ attempts, delay }) => {
    expect(retryDelayMs(attempts, () => 0.5)).toBe(delay);
  });

  it("spreads retries by ±10 %", () => {
    expect(retryDelayMs(1, () => 0)).toBe(4_500);
    expect(retryDelayMs(1, () => 0.999_999)).toBe(5_500);
  });

  it("gives up a message queued longer ago than the limit", () => {
    const queued = new Date("2026-11-10T00:00:00Z");
    expect(withinGiveUp(queued, new Date("2026-11-10T23:59:59Z"), 24)).toBe(true);
    expect(withinGiveUp(queued, new Date("2026-11-11T00:00:00Z"), 24)).toBe(false);
  });
});
