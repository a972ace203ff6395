import type { ApplianceView } from "@/lib/appliances/appliance-view";
import type { TableColumn, TableModel } from "@/lib/history/compliance-tables";

// Pure: the billing-day readiness list as the page shows it and the CSV writes it.

const COLUMNS: TableColumn[] = [
  { label: "Appliance", csvLabel: "Appliance", kind: "text" },
  { label: "Tenant", csvLabel: "Tenant", kind: "text" },
  { label: "Region", csvLabel: "Region", kind: "text" },
  { label: "Readiness", csvLabel: "Readiness", kind: "text" },
  { label: "Status", csvLabel: "Status", kind: "text" },
  { label: "Last proven send", csvLabel: "Last proven send (UTC)", kind: "time" },
  { label: "Proven by", csvLabel: "Proven by", kind: "text" },
  { label: "No failure reported at", csvLabel: "No failure reported at (UTC)", kind: "time" },
  { label: "Days until disconnect", csvLabel: "Days until disconnect (days)", kind: "count" },
];

export type BillingDayReadinessKind = "at risk" | "not proven";

export function billingDayTable(id: string, title: string, rows: readonly { appliance: ApplianceView; readiness: BillingDayReadinessKind }[]): TableModel {
  return {
    id,
    title,
    columns: COLUMNS,
    rows: rows.map(({ appliance, readiness }) => [
      appliance.name,
      appliance.tags.tenant ?? null,
      appliance.tags.region ?? null,
      readiness,
      appliance.billingStatus,
      appliance.lastSuccessfulSendAt,
      appliance.lastSuccessfulSendSource,
      appliance.noFailureReportedAt,
      appliance.daysUntilDisconnect,
    ]),
    links: rows.map(({ appliance }) => `/appliances/${appliance.id}`),
  };
}
