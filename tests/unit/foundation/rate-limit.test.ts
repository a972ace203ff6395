import { describe, expect, it } from "vitest";
import { createRateLimiter } from "@/lib/auth/rate-limit";

const T0 = Date.parse("2026-11-22T08:00:00Z");
const MINUTE = 60_000;

describe("sign-in rate limiter", () => {
  it.each<{ name: string; failuresAt: number[]; askAt: number; wait: number }>([
    { name: "no failures", failuresAt: [], askAt: 0, wait: 0 },
    { name: "fewer failures than allowed", failuresAt: [0, 1_000], askAt: 2_000, wait: 0 },
    { name: "the limit reached", failuresAt: [0, 1_000, 2_000], askAt: 2_000, wait: 58 },
    { name: "the limit reached, asked later", failuresAt: [0, 1_000, 2_000], askAt: 30_000, wait: 30 },
    { name: "part of a second left", failuresAt: [0, 1_000, 2_000], askAt: 59_500, wait: 1 },
    { name: "the oldest failure out of the window", failuresAt: [0, 1_000, 2_000], askAt: MINUTE, wait: 0 },
    { name: "failures spread over more than the window", failuresAt: [0, 40_000, 80_000], askAt: 80_000, wait: 0 },
    // Concurrent attempts can all pass the check before any failure is recorded, so the
    // count can exceed the limit: the wait runs until enough failures have left the window.
    { name: "more failures than allowed", failuresAt: [0, 10_000, 20_000, 30_000], askAt: 30_000, wait: 40 },
  ])("with $name, waits $wait s", ({ failuresAt, askAt, wait }) => {
    const limiter = createRateLimiter({ maxFailures: 3, windowMs: MINUTE });
    for (const at of failuresAt) limiter.recordFailure("ops@example.net", T0 + at);
    expect(limiter.retryAfter("ops@example.net", T0 + askAt)).toBe(wait);
  });

  it("counts each key on its own", () => {
    const limiter = createRateLimiter({ maxFailures: 2, windowMs: MINUTE });
    limiter.recordFailure("a@example.net", T0);
    limiter.recordFailure("a@example.net", T0);
    expect(limiter.retryAfter("a@example.net", T0)).toBe(60);
    expect(limiter.retryAfter("b@example.net", T0)).toBe(0);
  });

  it("lets a key in again after a reset (a successful sign-in)", () => {
    const limiter = createRateLimiter({ maxFailures: 2, windowMs: MINUTE });
    limiter.recordFailure("a@example.net", T0);
    limiter.recordFailure("a@example.net", T0);
    limiter.reset("a@example.net");
    expect(limiter.retryAfter("a@example.net", T0)).toBe(0);
    limiter.recordFailure("a@example.net", T0);
    expect(limiter.retryAfter("a@example.net", T0)).toBe(0);
  });

  it("forgets the least recently failing keys beyond its memory bound", () => {
    const limiter = createRateLimiter({ maxFailures: 1, windowMs: MINUTE, maxKeys: 2 });
    limiter.recordFailure("a", T0);
    limiter.recordFailure("b", T0 + 1);
    limiter.recordFailure("a", T0 + 2); // a is now the most recent
    limiter.recordFailure("c", T0 + 3); // pushes out b
    expect(limiter.retryAfter("a", T0 + 3)).toBeGreaterThan(0);
    expect(limiter.retryAfter("b", T0 + 3)).toBe(0);
    expect(limiter.retryAfter("c", T0 + 3)).toBeGreaterThan(0);
  });

  it("stays within its memory bound under a flood of distinct keys", () => {
    const limiter = createRateLimiter({ maxFailures: 1, windowMs: MINUTE, maxKeys: 100 });
    for (let i = 0; i < 10_000; i += 1) limiter.recordFailure(`flood-${i}`, T0);
    const remembered = Array.from({ length: 10_000 }, (_, i) => limiter.retryAfter(`flood-${i}`, T0)).filter(
      (wait) => wait > 0,
    );
    expect(remembered).toHaveLength(100);
    expect(limiter.retryAfter("flood-9999", T0)).toBe(60);
    expect(limiter.retryAfter("flood-0", T0)).toBe(0);
  });
});
