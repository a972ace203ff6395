import type { BillingSettings } from "@/lib/billing";
import type { Appliance } from "@/lib/generated/prisma/client";
import { billingViewOf, storedViewColumns, type BillingEvidenceRow } from "./appliance-view";

export type StoredViewColumns = ReturnType<typeof storedViewColumns>;

type StoredViewRow = BillingEvidenceRow & Pick<Appliance, "billingStatus" | "migrationReadiness" | "failingSince" | "disconnectAt">;

/**
 * The stored view columns for `now` when they differ from the row's (status,
 * readiness, failing-since, disconnect), else null: the one test of "did the
 * stored view change" for the heartbeat writer and the view refresh.
 */
export function storedViewChange(row: StoredViewRow, billing: BillingSettings, now: Date): StoredViewColumns | null {
  const columns = storedViewColumns(billingViewOf(row, billing, now), now);
  const same =
    row.billingStatus === columns.billingStatus &&
    row.migrationReadiness === columns.migrationReadiness &&
    row.failingSince?.getTime() === columns.failingSince?.getTime() &&
    row.disconnectAt?.getTime() === columns.disconnectAt?.getTime();
  return same ? null : columns;
}
