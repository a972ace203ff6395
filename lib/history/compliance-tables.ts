import { formatUtc } from "@/lib/billing/time";
import { formatMinutes, formatPercent, roundTo, shareForExport, shareOf } from "@/lib/format/number-format";
import type { ApplianceTotals } from "./appliance-totals";
import { meanOf, type BillingMonth, type ComplianceTotals } from "./compliance-math";
import type { CsvValue } from "@/lib/csv/csv";
import type { ComplianceReport, GroupTotals } from "./get-compliance-report";

// Pure: the compliance tables as typed cells. The page formats each cell for
// people ("66.7 %", "1 d 14 h"); the CSV writes the same cells as numbers a
// spreadsheet reads (0.6667, 2280), so the two always hold the same rows.

export const COMPLIANCE_TABLES = ["tenants", "regions", "appliances", "daily", "months"] as const;
export type ComplianceTableId = (typeof COMPLIANCE_TABLES)[number];

/** text: as is · count: a whole number · share: 0–1 · minutes: a duration · day: YYYY-MM-DD · time: an instant. */
export type CellKind = "text" | "count" | "share" | "minutes" | "day" | "time";
export type Cell = string | number | null;

export interface TableColumn {
  label: string;
  /** The CSV header, naming the unit. */
  csvLabel: string;
  kind: CellKind;
}

export interface TableModel {
  id: string;
  title: string;
  columns: TableColumn[];
  rows: Cell[][];
  /** Shown after a row's first cell on screen only, e.g. "so far" for today. */
  notes?: (string | null)[];
  /** Where a row's first cell links to on screen. */
  links?: (string | null)[];
}

const column = (label: string, kind: CellKind, unit?: string): TableColumn => ({
  label,
  kind,
  csvLabel: unit ? `${label} (${unit})` : label,
});

const COUNT = (label: string) => column(label, "count");
const SHARE = (label: string) => column(label, "share", "0-1");
const MINUTES = (label: string) => column(label, "minutes", "min");

/** A cell as the page shows it. */
export function displayCell(kind: CellKind, value: Cell): string {
  if (value === null || value === "") return "—";
  switch (kind) {
    case "share":
      return formatPercent(Number(value));
    case "minutes":
      return formatMinutes(Number(value));
    case "time":
      return formatUtc(new Date(String(value)));
    default:
      return String(value);
  }
}

/** A cell as the CSV writes it: shares 0–1 with 4 decimals, whole minutes, ISO 8601 UTC, empty for none. */
export function exportCell(kind: CellKind, value: Cell): CsvValue {
  if (value === null || value === "") return null;
  switch (kind) {
    case "share":
      return shareForExport(Number(value));
    case "minutes":
      return roundTo(Number(value), 0);
    default:
      return value;
  }
}

export function tableCsvRows(model: TableModel): { header: string[]; rows: CsvValue[][] } {
  return {
    header: model.columns.map((item) => item.csvLabel),
    rows: model.rows.map((row) => row.map((value, index) => exportCell(model.columns[index].kind, value))),
  };
}

const shareCell = (totals: Pick<ComplianceTotals, "compliant" | "mustSend">) => shareOf(totals.compliant, totals.mustSend);
const mttrCell = (totals: Pick<ComplianceTotals, "recoveryMinutes" | "recoveries">) => meanOf(totals.recoveryMinutes, totals.recoveries);

const GROUP_COLUMNS = [
  COUNT("Appliances"),
  COUNT("Appliance-days to send"),
  COUNT("Compliant appliance-days"),
  SHARE("Compliant share"),
  MINUTES("Time failing"),
  COUNT("Near-disconnects"),
  COUNT("Disconnects"),
  COUNT("Recoveries"),
  MINUTES("Mean time to recover"),
];

function groupRows(groups: GroupTotals[], empty: string): Cell[][] {
  return groups.map((group) => [
    group.key === "" ? empty : group.key,
    group.appliances,
    group.mustSend,
    group.compliant,
    shareCell(group),
    group.minutesFailing,
    group.nearDisconnects,
    group.disconnects,
    group.recoveries,
    mttrCell(group),
  ]);
}

export function tenantTable(report: Pick<ComplianceReport, "byTenant">): TableModel {
  return { id: "tenants", title: "By tenant", columns: [column("Tenant", "text"), ...GROUP_COLUMNS], rows: groupRows(report.byTenant, "(no tenant)") };
}

export function regionTable(report: Pick<ComplianceReport, "byRegion">): TableModel {
  return { id: "regions", title: "By region", columns: [column("Region", "text"), ...GROUP_COLUMNS], rows: groupRows(report.byRegion, "(no region)") };
}

export function applianceTable(report: Pick<ComplianceReport, "byAppliance" | "applianceFilter">): TableModel {
  const items: ApplianceTotals[] = report.byAppliance;
  return {
    id: "appliances",
    title: report.applianceFilter === "all" ? "By appliance" : "Appliances that were not compliant every day",
    columns: [
      column("Appliance", "text"),
      column("Tenant", "text"),
      column("Region", "text"),
      column("Counted from", "day"),
      COUNT("Days to send"),
      COUNT("Compliant days"),
      SHARE("Compliant share"),
      MINUTES("Time failing"),
      COUNT("Near-disconnects"),
      COUNT("Disconnects"),
      COUNT("Recoveries"),
      MINUTES("Mean time to recover"),
    ],
    rows: items.map((item) => [
      item.name,
      item.tenant || null,
      item.region || null,
      item.countedFrom,
      item.mustSend,
      item.compliant,
      shareCell(item),
      item.minutesFailing,
      item.nearDisconnects,
      item.disconnects,
      item.recoveries,
      mttrCell(item),
    ]),
    links: items.map((item) => `/appliances/${item.applianceId}`),
  };
}

export function dailyTable(report: Pick<ComplianceReport, "daily">): TableModel {
  const days = report.daily.filter((day) => day.recorded).reverse();
  return {
    id: "daily",
    title: "Day by day",
    columns: [
      column("Day", "day"),
      COUNT("Appliances"),
      COUNT("Must send"),
      COUNT("Compliant"),
      SHARE("Compliant share"),
      MINUTES("Time failing"),
      COUNT("Near-disconnects"),
      COUNT("Disconnects"),
      COUNT("Recoveries"),
    ],
    rows: days.map((day) => [
      day.day,
      day.appliances,
      day.mustSend,
      day.compliant,
      shareCell(day),
      day.minutesFailing,
      day.nearDisconnects,
      day.disconnects,
      day.recoveries,
    ]),
    notes: days.map((day) => (day.partial ? "today, so far" : null)),
  };
}

export function monthTable(months: readonly BillingMonth[]): TableModel {
  return {
    id: "months",
    title: "Billing months (4th to the 3rd)",
    columns: [
      column("Billing day", "day"),
      column("From", "day"),
      COUNT("Days recorded"),
      COUNT("Appliance-days to send"),
      COUNT("Compliant appliance-days"),
      SHARE("Compliant share"),
      COUNT("Compliant on the billing day"),
      COUNT("Must send on the billing day"),
      MINUTES("Time failing"),
      COUNT("Near-disconnects"),
      COUNT("Disconnects"),
      COUNT("Recoveries"),
      MINUTES("Mean time to recover"),
    ],
    rows: months.map((month) => [
      month.billingDay,
      month.from,
      month.daysRecorded,
      month.mustSend,
      month.compliant,
      shareCell(month),
      month.onBillingDay?.compliant ?? null,
      month.onBillingDay?.mustSend ?? null,
      month.minutesFailing,
      month.nearDisconnects,
      month.disconnects,
      month.recoveries,
      mttrCell(month),
    ]),
    links: months.map((month) => `/compliance/report?billing=${month.billingDay.slice(0, 7)}`),
  };
}
