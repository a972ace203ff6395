import { assessFailure } from "./assess-failure";
import { describeReasons } from "./describe-reasons";
import { countdownStatusOf, decideBillingStatus } from "./decide-billing-status";
import { assessLicenceFit, classifyLicence, isProductionMisfit, licenceSendsUsage } from "./licence";
import { assessMigrationReadiness } from "./migration-readiness";
import { MS_PER_DAY } from "./time";
import type { BillingEvidence, BillingSettings, BillingView } from "./types";

/**
 * Evidence + settings + now → what an operator reads about one appliance.
 * For licences that send nothing, only the ZVM's own alerts count as failing:
 * the ZVM enforces those whatever we think of its licence.
 */
export function computeBillingView(evidence: BillingEvidence, settings: BillingSettings, now: Date): BillingView {
  const licenceClass = classifyLicence(evidence.licenseType);
  const licenceFinding = assessLicenceFit(evidence.role, licenceClass);
  const sendsUsage = licenceSendsUsage(licenceClass);
  const failure = assessFailure(evidence, settings, now, { includeFailedTests: sendsUsage });

  const daysUntilDisconnect =
    failure.disconnectAt === null
      ? null
      : Math.max(0, Math.floor((failure.disconnectAt.getTime() - now.getTime()) / MS_PER_DAY));
  const countdown = countdownStatusOf(failure, daysUntilDisconnect, settings, now);
  const stale =
    evidence.lastDataAt !== null &&
    now.getTime() - evidence.lastDataAt.getTime() > settings.staleAfterSeconds * 1000;
  const billingStatus = decideBillingStatus({
    hasData: evidence.lastDataAt !== null,
    stale,
    countdown,
    sendsUsage,
    productionMisfit: isProductionMisfit(evidence.role, licenceClass),
  });

  const failing = failure.failingSince !== null;
  const successAt = evidence.lastSuccessfulSend?.at ?? null;
  const observedAt = evidence.billingAlertObservedAt;
  const noFailureReportedAt =
    !failing &&
    evidence.billingAlert?.active === false &&
    observedAt !== null &&
    (successAt === null || successAt.getTime() < observedAt.getTime())
      ? observedAt
      : null;
  const clockSkewFinding =
    evidence.clockSkewSeconds !== null && Math.abs(evidence.clockSkewSeconds) > settings.clockSkewLimitSeconds;
  const migrationReadiness = assessMigrationReadiness(evidence, failing);
  const newEndpointReachability = evidence.newEndpointReachability ?? "unknown";

  return {
    billingStatus,
    statusReasons: describeReasons({
      evidence,
      settings,
      failure,
      countdown,
      daysUntilDisconnect,
      billingStatus,
      stale,
      licenceClass,
      licenceFinding,
      clockSkewFinding,
      migrationReadiness,
      newEndpointReachability,
    }),
    lastSuccessfulSendAt: successAt,
    lastSuccessfulSendSource: evidence.lastSuccessfulSend?.source ?? null,
    noFailureReportedAt,
    failingSince: failure.failingSince,
    disconnectAt: failure.disconnectAt,
    daysUntilDisconnect,
    clockSkewSeconds: evidence.clockSkewSeconds,
    clockSkewFinding,
    licenceClass,
    licenceFinding,
    migrationReadiness,
    newEndpointReachability,
  };
}
