import { BILLING_DAY_OF_MONTH, classifyLicence } from "@/lib/billing";

// Pure: when Lifeline tests an appliance's usage transmission by itself, so
// that every production appliance carries a recent proof of send rather than
// a mere absence of alerts.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface ScheduledTestInput {
  role: "production" | "test";
  licenseType: string | null;
  /** First successful reading; an appliance never read is tested right after it. */
  lastDataAt: Date | null;
  lastSuccessfulSendAt: Date | null;
  /** The newest test transmission asked for, by anyone. */
  lastTestRequestedAt: Date | null;
  /** sendUsage answered 403: the account may not send; no test until the credentials change. */
  sendForbiddenAt: Date | null;
}

/** Why an appliance gets no scheduled tests; null when it does. */
export function scheduledTestExclusion(input: ScheduledTestInput, everyHours: number): string | null {
  if (everyHours <= 0) return "scheduled tests are off (autoTestEveryHours 0)";
  if (input.role !== "production") return "test appliances are not tested on a schedule";
  const licence = classifyLicence(input.licenseType);
  if (licence === "trial" || licence === "nfr") return "its licence sends no usage data";
  if (input.sendForbiddenAt !== null) return "the monitoring account may not send usage data (HTTP 403); change its credentials";
  return null;
}

/** 00:00 UTC of the day before the billing day (the 2nd) on or after `now`'s day. */
function billingEveOf(now: Date): Date {
  const eve = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), BILLING_DAY_OF_MONTH - 1));
  if (now.getTime() >= eve.getTime() + DAY_MS) return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, BILLING_DAY_OF_MONTH - 1));
  return eve;
}

/**
 * When the next scheduled test is due (now or later), or null when none will
 * be. Due once no proof of success and no test request is newer than the
 * window; never proven, right after the first successful reading. On the day
 * before the billing day every appliance without a proof in the last 24 hours
 * is tested once more.
 */
export function nextScheduledTestAt(input: ScheduledTestInput, everyHours: number, now: Date): Date | null {
  if (scheduledTestExclusion(input, everyHours) !== null || input.lastDataAt === null) return null;
  const windowMs = everyHours * HOUR_MS;
  const proof = input.lastSuccessfulSendAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const attempt = input.lastTestRequestedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const newest = Math.max(proof, attempt);
  const regular = newest === Number.NEGATIVE_INFINITY ? input.lastDataAt.getTime() : newest + windowMs;
  const eve = billingEveOf(now).getTime();
  // On the eve: due once the proof is a day old, unless a test was already asked for that day.
  const eveDue = attempt >= eve ? Number.POSITIVE_INFINITY : Math.max(eve, proof + DAY_MS);
  const due = Math.min(regular, eveDue < eve + DAY_MS ? eveDue : Number.POSITIVE_INFINITY);
  return new Date(due);
}

export function isScheduledTestDue(input: ScheduledTestInput, everyHours: number, now: Date): boolean {
  const due = nextScheduledTestAt(input, everyHours, now);
  return due !== null && due.getTime() <= now.getTime();
}
