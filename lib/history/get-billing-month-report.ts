import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { parseInput } from "@/lib/validation";
import type { ApplianceTotals } from "./appliance-totals";
import { lastBillingMonth } from "./compliance-period";
import { getComplianceReport, type ComplianceReport } from "./get-compliance-report";

export const billingMonthReportQuerySchema = z.object({
  billing: z.string().trim().max(20).optional(),
});

/** One appliance as the monthly report lists it, beside the usage report Zerto e-mails on the 3rd. */
export interface BillingReportRow extends ApplianceTotals {
  siteName: string | null;
  kind: string | null;
  /** Its worst status on the billing day; null when no day was recorded for it. */
  billingDayStatus: string | null;
}

export interface BillingMonthReport {
  report: ComplianceReport;
  billingDay: string;
  /** The billing day has passed: its figures are final. */
  billingDayReached: boolean;
  generatedAt: string;
  /** Appliances that had to send on the billing day, and those OK all that day. */
  onBillingDay: { mustSend: number; sending: number } | null;
  /** By tenant, then name: the order a manager reads Zerto's report in. */
  rows: BillingReportRow[];
}

/**
 * The printable report of one billing month (the 4th to the 3rd): the fleet's
 * compliance, each tenant's, and each production appliance's, with its state on
 * the billing day, when usage was uploaded for the invoice.
 */
export async function getBillingMonthReport(db: Database, actor: Actor | null, query: unknown, now = new Date()): Promise<BillingMonthReport> {
  authorize(actor, "viewer");
  const { billing } = parseInput(billingMonthReportQuerySchema, query ?? {});
  const report = await getComplianceReport(db, actor, { billing: billing || lastBillingMonth(now), appliances: "all" }, now);
  const billingDay = report.period.billingDay as string;
  const ids = report.byAppliance.map((item) => item.applianceId);
  const [dayRows, appliances] = await Promise.all([
    db.prisma.$queryRaw<{ id: string; worst: string }[]>`
      SELECT "applianceId"::text AS id, "worstStatus" AS worst FROM "ComplianceDay"
      WHERE day = ${billingDay}::date AND role = 'production'::"ApplianceRole"`,
    ids.length ? db.prisma.appliance.findMany({ where: { id: { in: ids } }, select: { id: true, siteName: true, kind: true } }) : Promise.resolve([]),
  ]);
  const statusOn = new Map(dayRows.map((row) => [row.id, row.worst]));
  const facts = new Map(appliances.map((row) => [row.id, row]));
  const rows = report.byAppliance
    .map((item) => ({
      ...item,
      siteName: facts.get(item.applianceId)?.siteName ?? null,
      kind: facts.get(item.applianceId)?.kind ?? null,
      billingDayStatus: statusOn.get(item.applianceId) ?? null,
    }))
    .sort((a, b) => a.tenant.localeCompare(b.tenant) || a.name.localeCompare(b.name));
  const counted = dayRows.filter((row) => row.worst !== "exempt");
  return {
    report,
    billingDay,
    billingDayReached: report.period.through === billingDay && !report.period.partial,
    generatedAt: now.toISOString(),
    onBillingDay: dayRows.length ? { mustSend: counted.length, sending: counted.filter((row) => row.worst === "ok").length } : null,
    rows,
  };
}
