import type { BillingSettings } from "./types";

const POLL_INTERVAL_SECONDS = 300;

export const DEFAULT_BILLING_SETTINGS: BillingSettings = Object.freeze({
  graceDays: 15,
  criticalDays: 5,
  staleAfterSeconds: 3 * POLL_INTERVAL_SECONDS,
  clockSkewLimitSeconds: 60,
});
