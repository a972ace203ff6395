// Sign-in attempts per key in a sliding window, kept in this process's memory:
// the web process is the only one that serves sign-in.

export interface RateLimiter {
  /** Seconds to wait before the next attempt is allowed, or 0. */
  retryAfter(key: string, now?: number): number;
  recordFailure(key: string, now?: number): void;
  /** Takes back the newest recorded failure (an attempt that turned out to succeed). */
  forgiveLast(key: string): void;
  reset(key: string): void;
}

export function createRateLimiter(options: { maxFailures: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const failures = new Map<string, number[]>();
  const maxKeys = options.maxKeys ?? 100_000;
  const recent = (key: string, now: number) => (failures.get(key) ?? []).filter((at) => now - at < options.windowMs);
  return {
    retryAfter(key, now = Date.now()) {
      const list = recent(key, now);
      if (list.length < options.maxFailures) return 0;
      // Blocked until enough failures leave the window to drop below the limit.
      return Math.max(1, Math.ceil((list[list.length - options.maxFailures] + options.windowMs - now) / 1000));
    },
    recordFailure(key, now = Date.now()) {
      const list = recent(key, now);
      list.push(now);
      failures.delete(key);
      failures.set(key, list);
      // Forget the oldest keys first so a flood of distinct keys cannot exhaust memory.
      while (failures.size > maxKeys) failures.delete(failures.keys().next().value as string);
    },
    forgiveLast(key) {
      failures.get(key)?.pop();
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
