import type { FailureAssessment } from "./assess-failure";
import type { BillingSettings, BillingStatus } from "./types";

/** What the failure evidence alone says, before staleness and licence are considered. */
export type CountdownStatus = "ok" | "warning" | "critical" | "disconnected";

const COUNTDOWN_RANK: Record<CountdownStatus, number> = { ok: 0, warning: 1, critical: 2, disconnected: 3 };

// critical compares whole days left (the number the user reads), so "5 days left"
// is critical from 5 d 23 h 59 m onwards, never beside a "warning" label.
export function countdownStatusOf(
  failure: FailureAssessment,
  daysUntilDisconnect: number | null,
  settings: BillingSettings,
  now: Date,
): CountdownStatus {
  if (failure.disconnectionAlertStands) return "disconnected";
  if (failure.disconnectAt === null || daysUntilDisconnect === null) return "ok";
  if (now.getTime() >= failure.disconnectAt.getTime()) return "disconnected";
  return daysUntilDisconnect <= settings.criticalDays ? "critical" : "warning";
}

export interface StatusInputs {
  hasData: boolean;
  stale: boolean;
  countdown: CountdownStatus;
  sendsUsage: boolean;
  productionMisfit: boolean;
}

/**
 * Precedence: never read (stale once past the limit since registration, unknown
 * before) > disconnected > stale > the rest. A stale
 * appliance whose last known countdown has run out is shown disconnected: losing
 * contact does not make it better, and the NOC must act on it first.
 */
export function decideBillingStatus(inputs: StatusInputs): BillingStatus {
  if (!inputs.hasData) return inputs.stale ? "stale" : "unknown";
  if (inputs.countdown === "disconnected") return "disconnected";
  if (inputs.stale) return "stale";
  if (inputs.productionMisfit) return worse(inputs.countdown, "warning");
  if (!inputs.sendsUsage && inputs.countdown === "ok") return "exempt";
  return inputs.countdown;
}

function worse(a: CountdownStatus, b: CountdownStatus): CountdownStatus {
  return COUNTDOWN_RANK[a] >= COUNTDOWN_RANK[b] ? a : b;
}
