/** Waits between tries to reach the server: 2 s, 4 s, 8 s, 16 s, then every 30 s. */
export const RETRY_DELAYS_MS = { first: 2_000, max: 30_000 } as const;

/** The wait before the given try (1 = the first retry after the server was found unreachable). */
export function retryDelayMs(attempt: number): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 10));
  return Math.min(RETRY_DELAYS_MS.max, RETRY_DELAYS_MS.first * 2 ** exponent);
}

/** "14:05 UTC": the wall and the fleet page say times in UTC, as the rest of the product does. */
export function formatClock(at: number | Date): string {
  return `${new Date(at).toISOString().slice(11, 16)} UTC`;
}
