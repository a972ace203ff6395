import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { tableCsvRows } from "@/lib/history/compliance-tables";
import { toCsv } from "@/lib/csv/csv";
import { billingDayTable } from "./billing-day-table";
import { getBillingDayReadiness } from "./get-billing-day-readiness";

const MAX_ROWS = 20_000;

/** Every appliance that sends usage without a send proven in 24 h, at risk first, as CSV. */
export async function exportBillingDayCsv(db: Database, actor: Actor | null, now = new Date()) {
  const readiness = await getBillingDayReadiness(db, actor, now, MAX_ROWS);
  const model = billingDayTable("billing-day", "Billing-day readiness", [
    ...readiness.shown.map((appliance) => ({ appliance, readiness: "at risk" as const })),
    ...readiness.unprovenShown.map((appliance) => ({ appliance, readiness: "not proven" as const })),
  ]);
  const { header, rows } = tableCsvRows(model);
  return { filename: `lifeline-billing-day-${readiness.billingDay.slice(0, 10)}.csv`, csv: toCsv(header, rows) };
}
