import { assessFailure, type FailureAssessment } from "./assess-failure";
import { describeReasons } from "./describe-reasons";
import { countdownStatusOf, decideBillingStatus, type CountdownStatus } from "./decide-billing-status";
import { assessLicenceFit, classifyLicence, isProductionMisfit, licenceSendsUsage } from "./licence";
import { assessMigrationReadiness } from "./migration-readiness";
import { MS_PER_DAY } from "./time";
import type { BillingEvidence, BillingFigures, BillingSettings, BillingView } from "./types";

interface Assessment {
  figures: BillingFigures;
  failure: FailureAssessment;
  countdown: CountdownStatus;
  stale: boolean;
}

/**
 * Evidence + settings + now → the figures of the view. For licences that send
 * nothing, only the ZVM's own alerts count as failing: the ZVM enforces those
 * whatever we think of its licence.
 */
function assess(evidence: BillingEvidence, settings: BillingSettings, now: Date): Assessment {
  const licenceClass = classifyLicence(evidence.licenseType);
  const licenceFinding = assessLicenceFit(evidence.role, licenceClass);
  const sendsUsage = licenceSendsUsage(licenceClass);
  const failure = assessFailure(evidence, settings, now, { includeFailedTests: sendsUsage });

  const daysUntilDisconnect =
    failure.disconnectAt === null
      ? null
      : Math.max(0, Math.floor((failure.disconnectAt.getTime() - now.getTime()) / MS_PER_DAY));
  const countdown = countdownStatusOf(failure, daysUntilDisconnect, settings, now);
  // Counted from the last data or, for an appliance never read, from its registration (DOMAIN.md).
  const staleFrom = evidence.lastDataAt ?? evidence.registeredAt;
  const stale = staleFrom !== null && now.getTime() - staleFrom.getTime() > settings.staleAfterSeconds * 1000;
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

  return {
    failure,
    countdown,
    stale,
    figures: {
      billingStatus,
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
      migrationReadiness: assessMigrationReadiness(evidence, failing),
      newEndpointReachability: evidence.newEndpointReachability ?? "unknown",
    },
  };
}

/** The view's figures without the sentences that explain them: what /metrics serves for a whole fleet per scrape. */
export function computeBillingFigures(evidence: BillingEvidence, settings: BillingSettings, now: Date): BillingFigures {
  return assess(evidence, settings, now).figures;
}

/** Evidence + settings + now → what an operator reads about one appliance. */
export function computeBillingView(evidence: BillingEvidence, settings: BillingSettings, now: Date): BillingView {
  const { figures, failure, countdown, stale } = assess(evidence, settings, now);
  return {
    ...figures,
    statusReasons: describeReasons({
      evidence,
      settings,
      failure,
      countdown,
      daysUntilDisconnect: figures.daysUntilDisconnect,
      billingStatus: figures.billingStatus,
      stale,
      licenceClass: figures.licenceClass,
      licenceFinding: figures.licenceFinding,
      clockSkewFinding: figures.clockSkewFinding,
      migrationReadiness: figures.migrationReadiness,
      newEndpointReachability: figures.newEndpointReachability,
    }),
  };
}
