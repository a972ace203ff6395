import type { AlertObservation, BillingEvidence, BillingSettings } from "./types";
import { addDays, earliest } from "./time";

export type FailureSource = "billing-alert" | "failed-test" | "disconnection-alert";

export interface FailureAssessment {
  /** null when not failing. */
  failingSince: Date | null;
  /** Which evidence set failingSince (the earliest); null when not failing. */
  failingSinceSource: FailureSource | null;
  disconnectAt: Date | null;
  billingAlertStands: boolean;
  disconnectionAlertStands: boolean;
  failedTestStands: boolean;
  /** The ZVM still showed the alert after our newest proof of success. */
  alertPersistsAfterSuccess: boolean;
  /** An alert stands but its turnedOn was not reported. */
  alertStartUnknown: boolean;
}

export interface FailureOptions {
  /** false for licences that send nothing, where a failed test says nothing about billing. */
  includeFailedTests: boolean;
}

export function assessFailure(
  evidence: BillingEvidence,
  settings: BillingSettings,
  now: Date,
  options: FailureOptions,
): FailureAssessment {
  const successAt = evidence.lastSuccessfulSend?.at ?? null;
  const observedAt = evidence.billingAlertObservedAt;
  const billingAlertStands = alertStands(evidence.billingAlert, successAt, observedAt);
  const disconnectionAlertStands = alertStands(evidence.disconnectionAlert, successAt, observedAt);
  const failedTestStands = options.includeFailedTests && failedTestStillStands(evidence, successAt);

  const startOf = (alert: AlertObservation | null) => alert?.turnedOn ?? observedAt ?? now;
  const billingStart = billingAlertStands ? startOf(evidence.billingAlert) : null;
  const disconnectionStart = disconnectionAlertStands ? startOf(evidence.disconnectionAlert) : null;
  const failedTestAt = failedTestStands ? evidence.firstFailureAfterSuccessAt : null;
  const failingSince = earliest([billingStart, failedTestAt, disconnectionStart]);
  const failingSinceSource = sourceOf(failingSince, [
    ["billing-alert", billingStart],
    ["failed-test", failedTestAt],
    ["disconnection-alert", disconnectionStart],
  ]);
  const disconnectAt = failingSince && earliest([addDays(failingSince, settings.graceDays), disconnectionStart]);

  const standingAlerts = [
    billingAlertStands ? evidence.billingAlert : null,
    disconnectionAlertStands ? evidence.disconnectionAlert : null,
  ].filter((alert): alert is AlertObservation => alert !== null);
  return {
    failingSince,
    failingSinceSource,
    disconnectAt,
    billingAlertStands,
    disconnectionAlertStands,
    failedTestStands,
    alertPersistsAfterSuccess:
      successAt !== null &&
      standingAlerts.some((alert) => alert.turnedOn !== null && !isAfter(alert.turnedOn, successAt)),
    alertStartUnknown: standingAlerts.some((alert) => alert.turnedOn === null),
  };
}

/**
 * Newest evidence wins. An alert raised after the last success stands. One raised
 * before it stands only if a poll newer than the success still showed it: the ZVM
 * keeps counting from its turnedOn, so the success did not reach its billing path.
 */
function alertStands(alert: AlertObservation | null, successAt: Date | null, observedAt: Date | null): boolean {
  if (!alert?.active) return false;
  if (successAt === null || isAfter(alert.turnedOn, successAt)) return true;
  return isAfter(observedAt, successAt);
}

/**
 * A failed test stands until a later success, or until the alert turns off: seen
 * active at or after the failure, then seen inactive on a later poll. An alert that
 * was never raised since the failure has not "turned off", so the failure stands.
 */
function failedTestStillStands(evidence: BillingEvidence, successAt: Date | null): boolean {
  const failedAt = evidence.firstFailureAfterSuccessAt;
  if (failedAt === null || (successAt !== null && !isAfter(failedAt, successAt))) return false;
  const seenActiveAt = evidence.lastBillingAlertSeenAt;
  const observedAt = evidence.billingAlertObservedAt;
  const turnedOffSinceFailure =
    evidence.billingAlert?.active === false &&
    seenActiveAt !== null &&
    seenActiveAt.getTime() >= failedAt.getTime() &&
    isAfter(observedAt, seenActiveAt);
  return !turnedOffSinceFailure;
}

function sourceOf(
  failingSince: Date | null,
  candidates: readonly (readonly [FailureSource, Date | null])[],
): FailureSource | null {
  const found = candidates.find(([, at]) => at !== null && at.getTime() === failingSince?.getTime());
  return found ? found[0] : null;
}

function isAfter(date: Date | null, than: Date): boolean {
  return date !== null && date.getTime() > than.getTime();
}
