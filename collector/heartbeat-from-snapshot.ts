import { summariseAlerts, type CompiledAlertPatterns } from "@/lib/billing";
import type { HeartbeatInput } from "@/lib/heartbeats/heartbeat-schema";
import type { ZvmSnapshot } from "@/lib/zvm";

const clip = (value: string | null, max: number) => {
  const text = value?.replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  return text ? text.slice(0, max) : undefined;
};

/**
 * Pure: one ZVM reading as a heartbeat. The alerts are summarised here, with the
 * same patterns as Lifeline's poller, so only their outcome travels.
 */
export function heartbeatFromSnapshot(
  applianceId: string,
  snapshot: ZvmSnapshot,
  patterns: CompiledAlertPatterns,
  observedAt: Date,
  newEndpointReachability?: "reachable" | "unreachable",
): HeartbeatInput {
  const alerts = summariseAlerts(snapshot.alerts, patterns);
  const observation = (alert: { active: boolean; turnedOn: Date | null }) => ({
    active: alert.active,
    turnedOn: alert.active && alert.turnedOn ? alert.turnedOn.toISOString() : null,
  });
  const version = clip(snapshot.displayVersion ?? snapshot.version, 100);
  const licenseType = clip(snapshot.licenseType, 100);
  const siteName = clip(snapshot.siteName, 255);
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
  };
}
