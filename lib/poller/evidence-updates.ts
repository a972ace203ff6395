import { isAtLeast9, summariseAlerts, type CompiledAlertPatterns } from "@/lib/billing";
import type { Appliance } from "@/lib/generated/prisma/client";
import type { ZvmSnapshot } from "@/lib/zvm";
import { ZvmError } from "@/lib/zvm";

// Pure: what one poll's outcome changes in an appliance's stored evidence.

export type EvidenceColumns = Partial<
  Pick<
    Appliance,
    | "siteName"
    | "siteIdentifier"
    | "version"
    | "licenseType"
    | "vraTotal"
    | "vraNotConnected"
    | "clockSkewSeconds"
    | "lastDataAt"
    | "lastPolledAt"
    | "lastPollAttemptAt"
    | "lastPollError"
    | "consecutiveFailures"
    | "billingAlertActive"
    | "billingAlertTurnedOn"
    | "disconnectionAlertActive"
    | "disconnectionAlertTurnedOn"
    | "alertsObservedAt"
    | "lastBillingAlertSeenAt"
    | "version9SeenAt"
    | "authSchemeDetected"
    | "tlsFingerprintSha256"
    | "tlsCertificateChangedAt"
  >
>;

export function evidenceFromSnapshot(
  previous: Pick<Appliance, "version9SeenAt" | "lastBillingAlertSeenAt" | "tlsFingerprintSha256" | "trustOnFirstUse">,
  snapshot: ZvmSnapshot,
  patterns: CompiledAlertPatterns,
  now: Date,
): EvidenceColumns {
  const alerts = summariseAlerts(snapshot.alerts, patterns);
  const atLeast9 = isAtLeast9(snapshot.version);
  return {
    siteName: snapshot.siteName,
    siteIdentifier: snapshot.siteIdentifier,
    version: snapshot.displayVersion ?? snapshot.version,
    licenseType: snapshot.licenseType,
    vraTotal: snapshot.vras?.total ?? null,
    vraNotConnected: snapshot.vras?.notConnected ?? null,
    clockSkewSeconds: snapshot.clockSkewSeconds,
    lastDataAt: now,
    lastPolledAt: now,
    lastPollAttemptAt: now,
    lastPollError: null,
    consecutiveFailures: 0,
    billingAlertActive: alerts.billingAlert.active,
    billingAlertTurnedOn: alerts.billingAlert.active ? alerts.billingAlert.turnedOn : null,
    disconnectionAlertActive: alerts.disconnectionAlert.active,
    disconnectionAlertTurnedOn: alerts.disconnectionAlert.active ? alerts.disconnectionAlert.turnedOn : null,
    alertsObservedAt: now,
    lastBillingAlertSeenAt: alerts.billingAlert.active ? now : previous.lastBillingAlertSeenAt,
    // The upgrade time is when a 9.0+ version was first seen; a downgrade forgets it.
    version9SeenAt: atLeast9 === true ? (previous.version9SeenAt ?? now) : atLeast9 === false ? null : previous.version9SeenAt,
    authSchemeDetected: snapshot.authScheme,
    ...(previous.trustOnFirstUse && !previous.tlsFingerprintSha256 && snapshot.observedFingerprint
      ? { tlsFingerprintSha256: snapshot.observedFingerprint }
      : {}),
  };
}

export function evidenceFromPollError(
  previous: Pick<Appliance, "consecutiveFailures" | "tlsCertificateChangedAt">,
  error: ZvmError,
  now: Date,
): EvidenceColumns {
  return {
    lastPollAttemptAt: now,
    lastPollError: error.message.slice(0, 500),
    consecutiveFailures: previous.consecutiveFailures + 1,
    ...(error.reason === "tls-changed" ? { tlsCertificateChangedAt: previous.tlsCertificateChangedAt ?? now } : {}),
  };
}

/**
 * When to poll next: one interval with jitter after a success; after failures
 * a growing delay, capped so a retry still comes before the appliance goes stale.
 */
export function nextPollDelayMs(
  settings: { pollIntervalSeconds: number; pollJitterRatio: number; staleAfterPolls: number },
  consecutiveFailures: number,
  random: () => number = Math.random,
): number {
  const interval = settings.pollIntervalSeconds * 1000;
  const jitter = 1 + (random() * 2 - 1) * settings.pollJitterRatio;
  if (consecutiveFailures === 0) return Math.round(interval * jitter);
  const staleLimit = settings.staleAfterPolls * interval;
  const cap = Math.max(interval, staleLimit - interval);
  return Math.round(Math.min(interval * 2 ** (consecutiveFailures - 1), cap) * jitter);
}
