import {
  computeBillingView,
  type BillingEvidence,
  type BillingSettings,
  type BillingView,
  type MigrationReadiness,
  type Reachability,
  type SendSource,
} from "@/lib/billing";
import type { Appliance } from "@/lib/generated/prisma/client";
import { asZvmAuthChoice } from "@/lib/zvm";
import type { ApplianceView } from "./appliance-view-schema";
import type { ApplianceTags } from "./appliance-schemas";

export type { ApplianceView } from "./appliance-view-schema";

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export function tagsOf(row: Pick<Appliance, "tenant" | "region" | "vcenter" | "tags">): ApplianceTags {
  return {
    ...(row.tenant ? { tenant: row.tenant } : {}),
    ...(row.region ? { region: row.region } : {}),
    ...(row.vcenter ? { vcenter: row.vcenter } : {}),
    ...(row.tags.length > 0 ? { labels: row.tags } : {}),
  };
}

const observation = (active: boolean | null, turnedOn: Date | null) =>
  active === null ? null : { active, turnedOn: active ? turnedOn : null };

/** The columns that hold an appliance's billing evidence. */
export type BillingEvidenceRow = Pick<
  Appliance,
  | "role"
  | "lastDataAt"
  | "createdAt"
  | "lastPollProblem"
  | "version"
  | "licenseType"
  | "billingAlertActive"
  | "billingAlertTurnedOn"
  | "disconnectionAlertActive"
  | "disconnectionAlertTurnedOn"
  | "alertsObservedAt"
  | "lastSuccessfulSendAt"
  | "lastSuccessfulSendSource"
  | "firstFailureAfterSuccessAt"
  | "clockSkewSeconds"
  | "version9SeenAt"
  | "lastBillingAlertSeenAt"
  | "newEndpointReachability"
>;

/** The stored evidence in the shape the pure billing function reads. */
export function evidenceOf(row: BillingEvidenceRow): BillingEvidence {
  return {
    role: row.role,
    lastDataAt: row.lastDataAt,
    registeredAt: row.createdAt,
    lastProblem: row.lastPollProblem,
    version: row.version,
    licenseType: row.licenseType,
    billingAlert: observation(row.billingAlertActive, row.billingAlertTurnedOn),
    disconnectionAlert: observation(row.disconnectionAlertActive, row.disconnectionAlertTurnedOn),
    billingAlertObservedAt: row.alertsObservedAt,
    lastSuccessfulSend: row.lastSuccessfulSendAt
      ? { at: row.lastSuccessfulSendAt, source: (row.lastSuccessfulSendSource as SendSource) ?? "test-transmission" }
      : null,
    firstFailureAfterSuccessAt: row.firstFailureAfterSuccessAt,
    clockSkewSeconds: row.clockSkewSeconds,
    version9SeenAt: row.version9SeenAt,
    lastBillingAlertSeenAt: row.lastBillingAlertSeenAt,
    newEndpointReachability: (row.newEndpointReachability as Reachability | null) ?? null,
  };
}

export function billingViewOf(row: BillingEvidenceRow, settings: BillingSettings, now: Date): BillingView {
  return computeBillingView(evidenceOf(row), settings, now);
}

const certificateChanged = {
  code: "tls-certificate-changed",
  severity: "critical" as const,
  message: "The appliance presented a different TLS certificate; polls are refused until an admin re-trusts it.",
};

export function toApplianceView(row: Appliance, settings: BillingSettings, now: Date): ApplianceView {
  const billing = billingViewOf(row, settings, now);
  const reasons = row.tlsCertificateChangedAt ? [certificateChanged, ...billing.statusReasons] : billing.statusReasons;
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    role: row.role,
    mode: row.mode,
    url: row.url,
    tags: tagsOf(row),
    authScheme: asZvmAuthChoice(row.authScheme),
    tlsFingerprintSha256: row.tlsFingerprintSha256,
    trustOnFirstUse: row.trustOnFirstUse,
    tlsCertificateChangedAt: iso(row.tlsCertificateChangedAt),
    siteName: row.siteName,
    version: row.version,
    licenseType: row.licenseType,
    billingStatus: billing.billingStatus,
    statusReasons: reasons,
    lastSuccessfulSendAt: iso(billing.lastSuccessfulSendAt),
    lastSuccessfulSendSource: billing.lastSuccessfulSendSource,
    noFailureReportedAt: iso(billing.noFailureReportedAt),
    failingSince: iso(billing.failingSince),
    disconnectAt: iso(billing.disconnectAt),
    daysUntilDisconnect: billing.daysUntilDisconnect,
    clockSkewSeconds: billing.clockSkewSeconds,
    migrationReadiness: billing.migrationReadiness,
    newEndpointReachability: billing.newEndpointReachability,
    vras: row.vraTotal === null ? null : { total: row.vraTotal, states: vraStatesOf(row.vraStates), connectionAlerts: row.vraConnectionAlerts },
    lastPolledAt: iso(row.lastPolledAt),
    lastPollError: row.lastPollError,
    lastPollProblem: row.lastPollProblem,
    pollWarnings: row.pollWarnings ?? [],
    sendForbiddenAt: iso(row.sendForbiddenAt),
  };
}

function vraStatesOf(value: unknown): Record<string, number> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, number] => typeof entry[1] === "number"));
}

/** The derived columns stored for SQL filtering and counting. */
export function storedViewColumns(view: BillingView, now: Date) {
  return {
    billingStatus: view.billingStatus,
    failingSince: view.failingSince,
    disconnectAt: view.disconnectAt,
    migrationReadiness: view.migrationReadiness,
    viewComputedAt: now,
  };
}
