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

/** No proof of success in the last 24 hours. Exempt appliances send nothing, so they are never at risk. */
export function isBillingDayAtRisk(
  view: Pick<BillingView, "billingStatus" | "lastSuccessfulSendAt">,
  now: Date,
): boolean {
  if (view.billingStatus === "exempt") return false;
  const successAt = view.lastSuccessfulSendAt;
  return successAt === null || now.getTime() - successAt.getTime() > PROOF_WINDOW_MS;
}
