import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { parseInput } from "@/lib/validation";
import {
  applianceTable,
  COMPLIANCE_TABLES,
  dailyTable,
  monthTable,
  regionTable,
  tableCsvRows,
  tenantTable,
  type ComplianceTableId,
  type TableModel,
} from "./compliance-tables";
import { toCsv } from "@/lib/csv/csv";
import { listBillingMonths } from "./get-billing-months";
import { complianceQuerySchema, getComplianceReport } from "./get-compliance-report";

export const complianceExportSchema = complianceQuerySchema.extend({
  table: z.enum(COMPLIANCE_TABLES, { message: `must be one of ${COMPLIANCE_TABLES.join(", ")}` }),
});

/** The table the page shows for this query, built by the same function. */
export async function complianceTableFor(db: Database, actor: Actor | null, table: ComplianceTableId, query: unknown, now: Date) {
  if (table === "months") return { model: monthTable(await listBillingMonths(db, actor, now)), name: "billing-months", demo: false };
  const report = await getComplianceReport(db, actor, query, now);
  const build: Record<Exclude<ComplianceTableId, "months">, (value: typeof report) => TableModel> = {
    tenants: tenantTable,
    regions: regionTable,
    appliances: applianceTable,
    daily: dailyTable,
  };
  return { model: build[table](report), name: `${table}-${report.from}-to-${report.to}`, demo: report.demo !== null };
}

/** One compliance table as CSV: the rows the page shows, numbers as numbers, units in the header. */
export async function exportComplianceCsv(db: Database, actor: Actor | null, query: unknown, now = new Date()) {
  authorize(actor, "viewer");
  const { table, ...rest } = parseInput(complianceExportSchema, query);
  const { model, name, demo } = await complianceTableFor(db, actor, table, rest, now);
  const { header, rows } = tableCsvRows(model);
  return { filename: `lifeline-compliance-${name}${demo ? "-demo-data" : ""}.csv`, csv: toCsv(header, rows) };
}
