import { meanOf, shareOf, type ComplianceTotals } from "./compliance-math";
import type { ComplianceReport, GroupTotals } from "./get-compliance-report";

// Pure: the compliance tables exactly as the page shows them and the CSV
// export writes them, from one function each, so the two cannot disagree.

export const COMPLIANCE_TABLES = ["tenants", "regions", "months", "daily"] as const;
export type ComplianceTableId = (typeof COMPLIANCE_TABLES)[number];

export interface TableModel {
  id: string;
  title: string;
  columns: string[];
  rows: string[][];
}

export function formatShare(share: number | null): string {
  if (share === null) return "—";
  // One decimal, rounded down, so 99.99 % never shows as a clean 100 %.
  return `${(Math.floor(share * 1000) / 10).toFixed(1)} %`;
}

export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return "—";
  const whole = Math.round(minutes);
  if (whole < 60) return `${whole} min`;
  if (whole < 1440) return `${Math.floor(whole / 60)} h ${whole % 60} min`;
  return `${Math.floor(whole / 1440)} d ${Math.floor((whole % 1440) / 60)} h`;
}

const shareCell = (totals: Pick<ComplianceTotals, "compliant" | "mustSend">) => formatShare(shareOf(totals.compliant, totals.mustSend));
const mttrCell = (totals: ComplianceTotals) => formatMinutes(meanOf(totals.recoveryMinutes, totals.recoveries));

const GROUP_COLUMNS = [
  "Appliances",
  "Compliant (appliance-days)",
  "Time failing",
  "Near-disconnects",
  "Disconnects",
  "Recoveries",
  "Mean time to recover",
];

function groupRows(groups: GroupTotals[], empty: string): string[][] {
  return groups.map((group) => [
    group.key === "" ? empty : group.key,
    String(group.appliances),
    shareCell(group),
    formatMinutes(group.minutesFailing),
    String(group.nearDisconnects),
    String(group.disconnects),
    String(group.recoveries),
    mttrCell(group),
  ]);
}

export function tenantTable(report: ComplianceReport): TableModel {
  return { id: "tenants", title: "By tenant", columns: ["Tenant", ...GROUP_COLUMNS], rows: groupRows(report.byTenant, "(no tenant)") };
}

export function regionTable(report: ComplianceReport): TableModel {
  return { id: "regions", title: "By region", columns: ["Region", ...GROUP_COLUMNS], rows: groupRows(report.byRegion, "(no region)") };
}

export function monthTable(report: ComplianceReport): TableModel {
  return {
    id: "months",
    title: "Billing months (4th to the 3rd)",
    columns: [
      "Billing day",
      "From",
      "Days recorded",
      "Compliant (appliance-days)",
      "On the billing day",
      "Time failing",
      "Near-disconnects",
      "Disconnects",
      "Recoveries",
      "Mean time to recover",
    ],
    rows: report.months.map((month) => [
      month.billingDay,
      month.from,
      String(month.daysRecorded),
      shareCell(month),
      month.onBillingDay ? `${shareCell(month.onBillingDay)} (${month.onBillingDay.compliant} of ${month.onBillingDay.mustSend})` : "not recorded",
      formatMinutes(month.minutesFailing),
      String(month.nearDisconnects),
      String(month.disconnects),
      String(month.recoveries),
      mttrCell(month),
    ]),
  };
}

export function dailyTable(report: ComplianceReport): TableModel {
  return {
    id: "daily",
    title: "Day by day",
    columns: ["Day", "Appliances", "Must send", "Compliant", "Compliant share", "Time failing", "Near-disconnects", "Disconnects", "Recoveries"],
    rows: report.daily
      .filter((day) => day.recorded)
      .reverse()
      .map((day) => [
        day.day,
        String(day.appliances),
        String(day.mustSend),
        String(day.compliant),
        shareCell(day),
        formatMinutes(day.minutesFailing),
        String(day.nearDisconnects),
        String(day.disconnects),
        String(day.recoveries),
      ]),
  };
}

export function complianceTable(report: ComplianceReport, id: ComplianceTableId): TableModel {
  switch (id) {
    case "tenants":
      return tenantTable(report);
    case "regions":
      return regionTable(report);
    case "months":
      return monthTable(report);
    case "daily":
      return dailyTable(report);
  }
}
