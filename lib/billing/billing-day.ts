import type { BillingView } from "./types";

export const BILLING_DAY_OF_MONTH = 3;
const PROOF_WINDOW_MS = 24 * 3600 * 1000;

/**
 * Start (00:00 UTC) of the billing day that is under way or coming next. On the
 * 3rd itself this returns that same day: the upload is in progress, and it is
 * the day the NOC still needs to watch. From the 4th on, it is next month's 3rd.
 */
export function nextBillingDay(now: Date): Date {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  const monthOffset = now.getUTCDate() <= BILLING_DAY_OF_MONTH ? 0 : 1;
  return new Date(Date.UTC(year, month + monthOffset, BILLING_DAY_OF_MONTH));
}

type ReadinessInput = Pick<BillingView, "billingStatus" | "lastSuccessfulSendAt"> & Partial<Pick<BillingView, "noFailureReportedAt">>;

const within24h = (at: Date | null | undefined, now: Date) => at !== null && at !== undefined && now.getTime() - at.getTime() <= PROOF_WINDOW_MS;

/** A send proven (a passed test or a collector-reported send) in the last 24 hours. */
export function hasRecentProof(view: Pick<BillingView, "lastSuccessfulSendAt">, now: Date): boolean {
  return within24h(view.lastSuccessfulSendAt, now);
}

/**
 * At risk for the billing day: an appliance that sends usage and is not known
 * to be sending: failing, misfit, stale or never read, or OK without any
 * evidence from the last 24 hours. An OK appliance whose ZVM reported no billing
 * failure at a read in the last 24 hours is not at risk, even without a proven
 * send: the ZVM raises its alert when a send fails. Exempt appliances send nothing.
 */
export function isBillingDayAtRisk(view: ReadinessInput, now: Date): boolean {
  if (view.billingStatus === "exempt") return false;
  if (view.billingStatus !== "ok") return true;
  return !hasRecentProof(view, now) && !within24h(view.noFailureReportedAt, now);
}

/** OK and no failure reported, but no send proven in the last 24 hours: a test transmission would prove it. */
export function isBillingDayUnproven(view: ReadinessInput, now: Date): boolean {
  return view.billingStatus === "ok" && !hasRecentProof(view, now) && !isBillingDayAtRisk(view, now);
}
