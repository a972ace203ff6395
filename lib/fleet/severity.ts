import type { BillingStatus, MigrationReadiness } from "@/lib/billing";

/**
 * Worst first, the order every fleet screen uses: a disconnected site has lost
 * protection already, a critical one is about to, and an appliance we cannot see
 * (stale, unknown) outranks one we know to be fine.
 */
export const STATUS_SEVERITY: readonly BillingStatus[] = ["disconnected", "critical", "warning", "stale", "unknown", "ok", "exempt"];

export const READINESS_SEVERITY: readonly MigrationReadiness[] = ["blocked", "pending-upgrade", "unknown", "ready"];

/** 0 for the worst status; unknown strings sort with "unknown". */
export function severityRank(status: string): number {
  const rank = STATUS_SEVERITY.indexOf(status as BillingStatus);
  return rank === -1 ? STATUS_SEVERITY.indexOf("unknown") : rank;
}

/** The worse of two statuses (either may be missing). */
export function worseStatus(a: BillingStatus | null | undefined, b: BillingStatus): BillingStatus {
  if (!a) return b;
  return severityRank(a) <= severityRank(b) ? a : b;
}
