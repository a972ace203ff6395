// How long a worker holds the appliances it claims, and whether the settings
// let a dead worker's appliances be polled again before they show stale. Pure.
//
// A claimed appliance waits in the worker's queue for a free lane (at most one
// poll: claims are as many as there are lanes) and then takes a poll (at most
// pollTimeoutSeconds). The lease covers both, with a margin for writing the
// result. If the worker dies, nobody polls the appliance until the lease runs
// out; then another worker may wait for a lane and poll it, just as long. So,
// counted from its last data, an appliance of a dead worker has fresh data again
// within one interval (plus jitter), the lease, two poll timeouts and a sweep
// on each side; that must fit inside the staleness window.

export interface LeaseSettings {
  pollIntervalSeconds: number;
  pollJitterRatio: number;
  pollTimeoutSeconds: number;
  staleAfterPolls: number;
}

/** Writing the result (batched, ≤ 50 ms) and clock differences between workers. */
const MARGIN_MS = 5_000;
/** Workers look for due appliances every second. */
const SWEEP_MS = 1_000;

export function pollLeaseMs(settings: Pick<LeaseSettings, "pollTimeoutSeconds">): number {
  return 2 * settings.pollTimeoutSeconds * 1_000 + MARGIN_MS;
}

/** The longest an appliance can go without data when the worker that claimed it died. */
export function worstTakeoverGapMs(settings: LeaseSettings): number {
  const latestDue = settings.pollIntervalSeconds * 1_000 * (1 + settings.pollJitterRatio);
  return latestDue + SWEEP_MS + pollLeaseMs(settings) + SWEEP_MS + 2 * settings.pollTimeoutSeconds * 1_000;
}

export function staleWindowMs(settings: Pick<LeaseSettings, "pollIntervalSeconds" | "staleAfterPolls">): number {
  return settings.staleAfterPolls * settings.pollIntervalSeconds * 1_000;
}

/** Why these settings would let a dead worker's appliances show stale, or null when they hold. */
export function leaseProblem(settings: LeaseSettings): { field: string; message: string } | null {
  const gap = worstTakeoverGapMs(settings);
  const window = staleWindowMs(settings);
  if (gap <= window) return null;
  const inSeconds = (ms: number) => `${Math.ceil(ms / 1_000)} s`;
  return {
    field: "pollTimeoutSeconds",
    message:
      `with a ${settings.pollIntervalSeconds} s poll interval (±${Math.round(settings.pollJitterRatio * 100)}%), ` +
      `a ${settings.pollTimeoutSeconds} s poll timeout and stale after ${settings.staleAfterPolls} interval(s) (${inSeconds(window)}), ` +
      `a worker that dies can leave its appliances without data for up to ${inSeconds(gap)} ` +
      `(the interval, a ${inSeconds(pollLeaseMs(settings))} lease and two poll timeouts), so they would show stale for Lifeline's own fault; ` +
      "lower pollTimeoutSeconds, or raise pollIntervalSeconds or staleAfterPolls",
  };
}
