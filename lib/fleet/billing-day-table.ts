import type { ApplianceView } from "@/lib/appliances/appliance-view";
import { formatUtc } from "@/lib/billing/time";

// Pure: the billing-day readiness list as the page shows it and the CSV writes it.

export const BILLING_DAY_COLUMNS = ["Appliance", "Tenant", "Region", "Status", "Last successful send", "Days until disconnect"];

export function billingDayRows(appliances: readonly ApplianceView[]): string[][] {
  return appliances.map((appliance) => [
    appliance.name,
    appliance.tags.tenant ?? "",
    appliance.tags.region ?? "",
    appliance.billingStatus,
    appliance.lastSuccessfulSendAt
      ? `${formatUtc(new Date(appliance.lastSuccessfulSendAt))} (${appliance.lastSuccessfulSendSource ?? "unknown source"})`
      : "never proven",
    appliance.daysUntilDisconnect === null ? "" : String(appliance.daysUntilDisconnect),
  ]);
}
