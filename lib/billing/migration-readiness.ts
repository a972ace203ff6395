import type { BillingEvidence, MigrationReadiness } from "./types";
import { isAtLeast9 } from "./version";

export type MigrationEvidence = Pick<
  BillingEvidence,
  "version" | "version9SeenAt" | "lastSuccessfulSend" | "lastBillingAlertSeenAt"
>;

/**
 * Any proof of success counts as "a passed test" (a collector-reported send proves
 * the new endpoint as well). Without version9SeenAt the upgrade time is unknown, so
 * all history counts as "since the upgrade". A billing alert seen since the upgrade
 * that has cleared without a proof of success leaves readiness unknown.
 */
export function assessMigrationReadiness(evidence: MigrationEvidence, failing: boolean): MigrationReadiness {
  const atLeast9 = isAtLeast9(evidence.version);
  if (atLeast9 === null) return "unknown";
  if (!atLeast9) return "pending-upgrade";
  if (failing) return "blocked";
  const upgradedAt = evidence.version9SeenAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const successAt = evidence.lastSuccessfulSend?.at.getTime();
  const alertSeenAt = evidence.lastBillingAlertSeenAt?.getTime();
  if (successAt !== undefined && successAt >= upgradedAt) return "ready";
  if (alertSeenAt === undefined || alertSeenAt < upgradedAt) return "ready";
  return "unknown";
}
