import { z } from "zod";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { parseInput } from "@/lib/validation";
import { COMPLIANCE_TABLES, complianceTable } from "./compliance-tables";
import { toCsv } from "./csv";
import { complianceQuerySchema, getComplianceReport } from "./get-compliance-report";

export const complianceExportSchema = complianceQuerySchema.extend({
  table: z.enum(COMPLIANCE_TABLES, { message: `must be one of ${COMPLIANCE_TABLES.join(", ")}` }),
});

/** One compliance table as CSV, the same rows the page shows. */
export async function exportComplianceCsv(db: Database, actor: Actor | null, query: unknown, now = new Date()) {
  const { table, days } = parseInput(complianceExportSchema, query);
  const report = await getComplianceReport(db, actor, { days }, now);
  const model = complianceTable(report, table);
  return { filename: `lifeline-compliance-${table}-${report.from}-to-${report.to}.csv`, csv: toCsv(model.columns, model.rows) };
}
