import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { toCsv } from "@/lib/history/csv";
import { BILLING_DAY_COLUMNS, billingDayRows } from "./billing-day-table";
import { getBillingDayReadiness } from "./get-billing-day-readiness";

const MAX_ROWS = 20_000;

/** Every appliance at risk for the billing day, as CSV. */
export async function exportBillingDayCsv(db: Database, actor: Actor | null, now = new Date()) {
  const readiness = await getBillingDayReadiness(db, actor, now, MAX_ROWS);
  return {
    filename: `lifeline-billing-day-${readiness.billingDay.slice(0, 10)}.csv`,
    csv: toCsv(BILLING_DAY_COLUMNS, billingDayRows(readiness.shown)),
  };
}
