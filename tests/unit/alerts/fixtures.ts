import { toApplianceView, type ApplianceView } from "@/lib/appliances/appliance-view";
import { DEFAULT_ALERTING_SETTINGS } from "@/lib/alerts/alerting-settings";
import type { AlertRules } from "@/lib/alerts/alert-rules";
import { DEFAULT_BILLING_SETTINGS } from "@/lib/billing";
import type { Appliance } from "@/lib/generated/prisma/client";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Mid-month: far from the billing day window (the 1st and 2nd). */
export const NOW = new Date("2026-11-10T12:00:00.000Z");

export const ago = (ms: number, from = NOW) => new Date(from.getTime() - ms);

/** A healthy production cloud ZVM on 10.0, polled a minute before `at`, no alerts. */
export function applianceRow(overrides: Partial<Appliance> = {}, at = NOW): Appliance {
  const polledAt = new Date(at.getTime() - MINUTE);
  return {
    id: "0b7c3a52-5f7e-4a0e-9d7e-3c1f2a4b5c6d",
    name: "zvm-ams-01",
    kind: "zvm",
    role: "production",
    mode: "polled",
    url: "https://zvm-ams-01.example.net:9669",
    username: "svc",
    passwordSealed: "v1.x.y.z",
    authScheme: "auto",
    authSchemeDetected: null,
    tlsFingerprintSha256: null,
    trustOnFirstUse: false,
    tlsCertificateChangedAt: null,
    tenant: "acme",
    region: "ams",
    vcenter: null,
    tags: [],
    createdAt: new Date("2026-01-01T00:00:00Z"),
    updatedAt: polledAt,
    siteName: "AMS",
    siteIdentifier: "site-1",
    version: "10.0.60",
    licenseType: "Cloud",
    vraTotal: 4,
    vraStates: null,
    vraConnectionAlerts: 0,
    pollWarnings: [],
    sendForbiddenAt: null,
    clockSkewSeconds: 1,
    lastDataAt: polledAt,
    lastPolledAt: polledAt,
    lastPollAttemptAt: polledAt,
    lastPollError: null,
    lastPollProblem: null,
    consecutiveFailures: 0,
    billingAlertActive: false,
    billingAlertTurnedOn: null,
    disconnectionAlertActive: false,
    disconnectionAlertTurnedOn: null,
    alertsObservedAt: polledAt,
    lastBillingAlertSeenAt: null,
    lastSuccessfulSendAt: null,
    lastSuccessfulSendSource: null,
    firstFailureAfterSuccessAt: null,
    version9SeenAt: new Date("2026-01-15T09:00:00Z"),
    newEndpointReachability: null,
    reachabilityCheckedAt: null,
    billingStatus: "ok",
    failingSince: null,
    disconnectAt: null,
    migrationReadiness: "ready",
    viewComputedAt: polledAt,
    nextPollAt: at,
    leaseOwner: null,
    leaseUntil: null,
    ...overrides,
  };
}

/** The appliance view the evaluator reads, computed for `at` as the worker does. */
export function viewAt(at: Date, overrides: Partial<Appliance> = {}): ApplianceView {
  return toApplianceView(applianceRow(overrides, at), DEFAULT_BILLING_SETTINGS, at);
}

/** Its billing alert turned on at `turnedOn` and is still shown. */
export function failing(turnedOn: Date): Partial<Appliance> {
  return { billingAlertActive: true, billingAlertTurnedOn: turnedOn, lastBillingAlertSeenAt: turnedOn };
}

export const RULES: AlertRules = {
  reminderDays: DEFAULT_ALERTING_SETTINGS.reminderDays,
  criticalDays: DEFAULT_BILLING_SETTINGS.criticalDays,
  severities: DEFAULT_ALERTING_SETTINGS.severities,
  disabled: [],
};
