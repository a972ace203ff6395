import { summariseAlerts, type CompiledAlertPatterns } from "@/lib/billing";
import { MAX_REPORTED_ALERTS, type HeartbeatInput } from "@/lib/heartbeats/heartbeat-schema";
import { localAlertsOf, type ZvmSnapshot } from "@/lib/zvm";

const clip = (value: string | null, max: number) => {
  const text = value?.replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  return text ? text.slice(0, max) : undefined;
};

/**
 * Pure: one ZVM reading as a heartbeat. Only the local site's alerts count (the
 * list holds paired sites' too); they are summarised here with the same patterns
 * as Lifeline's poller, and travel as they are too, for Lifeline's alert catalogue.
 * `knownSiteIdentifier` is the site identifier read before, for a reading whose
 * local site could not be read.
 */
export function heartbeatFromSnapshot(
  applianceId: string,
  snapshot: ZvmSnapshot,
  patterns: CompiledAlertPatterns,
  observedAt: Date,
  newEndpointReachability?: "reachable" | "unreachable",
  knownSiteIdentifier: string | null = null,
): HeartbeatInput {
  const { local } = localAlertsOf(snapshot.alerts, snapshot.localSite?.siteIdentifier ?? knownSiteIdentifier);
  const alerts = summariseAlerts(local, patterns);
  const observation = (alert: { active: boolean; turnedOn: Date | null }) => ({
    active: alert.active,
    turnedOn: alert.active && alert.turnedOn ? alert.turnedOn.toISOString() : null,
  });
  const site = snapshot.localSite;
  const version = clip(site?.displayVersion ?? site?.version ?? null, 100);
  const licenseType = clip(snapshot.license?.licenseType ?? null, 100);
  const siteName = clip(site?.siteName ?? null, 255);
  return {
    applianceId,
    observedAt: observedAt.toISOString(),
    ...(version ? { version } : {}),
    ...(licenseType ? { licenseType } : {}),
    ...(siteName ? { siteName } : {}),
    billingAlert: observation(alerts.billingAlert),
    disconnectionAlert: observation(alerts.disconnectionAlert),
    // Lifeline takes skew as zvmClockUtc − observedAt: the skew measured against this collector's clock.
    ...(snapshot.clockSkewSeconds !== null
      ? { zvmClockUtc: new Date(observedAt.getTime() + Math.round(snapshot.clockSkewSeconds * 1000)).toISOString() }
      : {}),
    ...(newEndpointReachability ? { newEndpointReachability } : {}),
    alerts: alertKindsOf(local),
  };
}

/** One entry per kind of alert (help identifier, entity, level): the catalogue needs no more. */
function alertKindsOf(alerts: ZvmSnapshot["alerts"]): NonNullable<HeartbeatInput["alerts"]> {
  const kinds = new Map<string, NonNullable<HeartbeatInput["alerts"]>[number]>();
  for (const alert of alerts) {
    const helpIdentifier = clip(alert.helpIdentifier, 50);
    const entity = clip(alert.entity, 50);
    const level = clip(alert.level, 30);
    const key = [helpIdentifier, entity, level].join("\u0000").toLowerCase();
    if (kinds.has(key)) continue;
    if (kinds.size >= MAX_REPORTED_ALERTS) break;
    const description = clip(alert.description, 300);
    kinds.set(key, {
      ...(helpIdentifier ? { helpIdentifier } : {}),
      ...(entity ? { entity } : {}),
      ...(level ? { level } : {}),
      ...(description ? { description } : {}),
    });
  }
  return [...kinds.values()];
}
