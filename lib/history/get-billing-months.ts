import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { billingDayOf, billingMonthStart, dayKey, groupByBillingMonth, utcDayStart, type BillingMonth } from "./compliance-math";
import { billingMonthPeriod, currentBillingMonth } from "./compliance-period";
import { billingCalendar, type BillingCalendar } from "./compliance-view";
import { readRollups } from "./get-compliance-report";

export const BILLING_MONTHS_LISTED = 12;

/** The billing months (4th to the 3rd) of the last year, the one under way first, fleet-wide. */
export async function listBillingMonths(db: Database, actor: Actor | null, now = new Date()): Promise<BillingMonth[]> {
  authorize(actor, "viewer");
  const current = currentBillingMonth(now);
  const [year, month] = current.split("-").map(Number);
  const oldest = dayKey(new Date(Date.UTC(year, month - BILLING_MONTHS_LISTED, 1)));
  const from = billingMonthPeriod(oldest.slice(0, 7), now).from;
  const { byDay } = await readRollups(db, from, dayKey(utcDayStart(now)));
  const days = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, totals]) => ({ day, ...totals }));
  return groupByBillingMonth(days);
}

/** The billing month under way, day by day, for the page's calendar strip. */
export async function getBillingCalendar(db: Database, actor: Actor | null, now = new Date()): Promise<BillingCalendar> {
  authorize(actor, "viewer");
  const today = utcDayStart(now);
  const { byDay } = await readRollups(db, dayKey(billingMonthStart(billingDayOf(today))), dayKey(today));
  return billingCalendar(byDay, now);
}
