import { isAtLeast9, summariseAlerts, type CompiledAlertPatterns } from "@/lib/billing";
import type { Appliance, Prisma } from "@/lib/generated/prisma/client";
import { ZvmError, isVraConnectionAlert, localAlertsOf, problemOf, type ZvmSnapshot } from "@/lib/zvm";

// Pure: what one poll's outcome changes in an appliance's stored evidence.

export type EvidenceColumns = Partial<
  Pick<
    Appliance,
    | "siteName"
    | "siteIdentifier"
    | "version"
    | "licenseType"
    | "vraTotal"
    | "vraConnectionAlerts"
    | "pollWarnings"
    | "clockSkewSeconds"
    | "lastDataAt"
    | "lastPolledAt"
    | "lastPollAttemptAt"
    | "lastPollError"
    | "lastPollProblem"
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
> & { vraStates?: Prisma.InputJsonValue | null };

type PreviousEvidence = Pick<
  Appliance,
  | "version9SeenAt"
  | "lastBillingAlertSeenAt"
  | "tlsFingerprintSha256"
  | "trustOnFirstUse"
  | "siteIdentifier"
  | "billingAlertActive"
  | "billingAlertTurnedOn"
  | "disconnectionAlertActive"
  | "disconnectionAlertTurnedOn"
>;

/** The alerts of the ZVM's own site; the site identifier read before stands in when this reading lacks it. */
export function localAlertsOfSnapshot(snapshot: ZvmSnapshot, knownSiteIdentifier: string | null): ZvmSnapshot["alerts"] {
  return localAlertsOf(snapshot.alerts, snapshot.localSite?.siteIdentifier ?? knownSiteIdentifier).local;
}

/**
 * What a ZVM reading changes. Only the local site's alerts count (the list also
 * holds paired sites'); facts the poll could not read keep their last value
 * (their keys are left out, so the writer leaves the columns alone).
 */
export function evidenceFromSnapshot(
  previous: PreviousEvidence,
  snapshot: ZvmSnapshot,
  patterns: CompiledAlertPatterns,
  now: Date,
): EvidenceColumns {
  const site = snapshot.localSite;
  const local = localAlertsOfSnapshot(snapshot, previous.siteIdentifier);
  const alerts = summariseAlerts(local, patterns);
  // An alert that stands but whose start could not be read keeps the start seen before.
  const billingTurnedOn = alerts.billingAlert.turnedOn ?? (previous.billingAlertActive ? previous.billingAlertTurnedOn : null);
  const disconnectionTurnedOn =
    alerts.disconnectionAlert.turnedOn ?? (previous.disconnectionAlertActive ? previous.disconnectionAlertTurnedOn : null);
  const version = site ? (site.displayVersion ?? site.version) : undefined;
  const atLeast9 = site ? isAtLeast9(site.version ?? site.displayVersion) : null;
  return {
    ...(site
      ? { siteName: site.siteName, siteIdentifier: site.siteIdentifier ?? previous.siteIdentifier, version }
      : {}),
    ...(snapshot.license ? { licenseType: snapshot.license.licenseType } : {}),
    vraTotal: snapshot.vras?.total ?? null,
    vraStates: snapshot.vras?.states ?? null,
    vraConnectionAlerts: local.filter(isVraConnectionAlert).length,
    pollWarnings: snapshot.warnings,
    clockSkewSeconds: snapshot.clockSkewSeconds,
    lastDataAt: now,
    lastPolledAt: now,
    lastPollAttemptAt: now,
    lastPollError: null,
    lastPollProblem: null,
    consecutiveFailures: 0,
    billingAlertActive: alerts.billingAlert.active,
    billingAlertTurnedOn: alerts.billingAlert.active ? billingTurnedOn : null,
    disconnectionAlertActive: alerts.disconnectionAlert.active,
    disconnectionAlertTurnedOn: alerts.disconnectionAlert.active ? disconnectionTurnedOn : null,
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
    lastPollProblem: problemOf(error).slice(0, 200),
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
