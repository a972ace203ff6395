// Pure: when a failed delivery is tried again. Exponential from 5 s, capped at
// 10 min, with ±10 % jitter so many messages for one receiver spread out.

const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = 10 * 60_000;

export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, failedAttempts - 1), MAX_DELAY_MS);
  return Math.round(base * (0.9 + random() * 0.2));
}

/** Whether a message queued at `createdAt` is still worth trying at `now`. */
export function withinGiveUp(createdAt: Date, now: Date, giveUpHours: number): boolean {
  return now.getTime() - createdAt.getTime() < giveUpHours * 3_600_000;
}
