import { setTimeout as sleep } from "node:timers/promises";

export interface WaitOptions {
  /** Give up after this long (default 20 s). */
  timeoutMs?: number;
  /** How often to look again (default 50 ms). */
  intervalMs?: number;
}

/**
 * Looks again and again until `probe` gives something truthy, and returns it.
 * A probe that throws counts as "not yet". After `timeoutMs` it throws, naming
 * what it waited for and the probe's last error: a wait never ends quietly.
 * The one way tests wait for a state; never a fixed sleep.
 */
export async function waitFor<T>(what: string | (() => string), probe: () => T | Promise<T>, options: WaitOptions = {}): Promise<NonNullable<T>> {
  const { timeoutMs = 20_000, intervalMs = 50 } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value as NonNullable<T>;
      lastError = null;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === "function" ? what() : what}${why}`);
    }
    await sleep(intervalMs);
  }
}
