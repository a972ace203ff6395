import { shareOf } from "@/lib/format/number-format";
import type { TableModel } from "./compliance-tables";
import type { BillingMonthReport } from "./get-billing-month-report";

// Pure: the monthly report's appliance list, tenant by tenant, with what each
// appliance did on the billing day.

const ON_BILLING_DAY: Record<string, string> = {
  ok: "sending",
  warning: "failing",
  critical: "failing",
  disconnected: "disconnected",
  stale: "not read",
  unknown: "not read",
  exempt: "exempt",
};

export function billingDayWord(status: string | null, reached: boolean): string {
  if (!reached) return "to come";
  return status === null ? "no data" : (ON_BILLING_DAY[status] ?? status);
}

export function billingReportTable(report: Pick<BillingMonthReport, "rows" | "billingDayReached">): TableModel {
  return {
    id: "billing-report",
    title: "Appliances, tenant by tenant",
    columns: [
      { label: "Tenant", csvLabel: "Tenant", kind: "text" },
      { label: "Appliance", csvLabel: "Appliance", kind: "text" },
      { label: "Site", csvLabel: "Site", kind: "text" },
      { label: "Kind", csvLabel: "Kind", kind: "text" },
      { label: "On the billing day", csvLabel: "On the billing day", kind: "text" },
      { label: "Days to send", csvLabel: "Days to send", kind: "count" },
      { label: "Compliant days", csvLabel: "Compliant days", kind: "count" },
      { label: "Compliant share", csvLabel: "Compliant share (0-1)", kind: "share" },
      { label: "Time failing", csvLabel: "Time failing (min)", kind: "minutes" },
      { label: "Near-disconnects", csvLabel: "Near-disconnects", kind: "count" },
      { label: "Disconnects", csvLabel: "Disconnects", kind: "count" },
    ],
    rows: report.rows.map((row) => [
      row.tenant || "(no tenant)",
      row.name,
      row.siteName,
      row.kind ? row.kind.toUpperCase() : null,
      billingDayWord(row.billingDayStatus, report.billingDayReached),
      row.mustSend,
      row.compliant,
      shareOf(row.compliant, row.mustSend),
      row.minutesFailing,
      row.nearDisconnects,
      row.disconnects,
    ]),
  };
}
