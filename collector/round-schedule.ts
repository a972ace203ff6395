import type { Logger } from "pino";

export interface RoundSchedule {
  /** No further rounds; resolves when the one under way (if any) has ended. */
  stop(): Promise<void>;
}

/** Runs a round at once, then every `intervalMs` from the start of the previous one (never two at a time). */
export function scheduleRounds(runRound: () => Promise<void>, intervalMs: number, log: Logger): RoundSchedule {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<void> | null = null;
  const next = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      const started = Date.now();
      round = runRound()
        .catch((error: unknown) => log.error({ err: error }, "round failed"))
        .finally(() => {
          round = null;
          next(Math.max(0, intervalMs - (Date.now() - started)));
        });
    }, delayMs);
  };
  next(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.allSettled([round]);
    },
  };
}
