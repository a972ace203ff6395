import { isAtLeast9 } from "@/lib/billing";
import type { Heartbeat } from "./heartbeat-schema";

// Pure: what a set of heartbeats changes in each appliance's stored evidence.
// Each part of the evidence carries its own "observed at" and is replaced only
// by a newer observation, so heartbeats may arrive in any order, or twice.

/** The change for one appliance, applied by one SQL statement (see heartbeat-writer.ts). */
export interface AppliancePatch {
  id: string;
  doc: PatchDoc;
}

/**
 * Keys present are written; absent ones leave the stored value alone. Times are
 * ISO strings. The SQL compares `at`, `alertsAt` and `reachAt` with the stored
 * observation times, so an older heartbeat never overwrites a newer one.
 */
export interface PatchDoc {
  /** observedAt of the newest heartbeat: lastDataAt, and the site facts below with it. */
  at: string;
  version?: string;
  licenseType?: string;
  siteName?: string;
  clockSkewSeconds?: number;
  /** Whether the newest version is 9.0 or later; absent when unknown. */
  atLeast9?: boolean;
  /** observedAt of the newest heartbeat that reported alerts. */
  alertsAt?: string;
  billingActive?: boolean;
  billingTurnedOn?: string | null;
  disconnectionActive?: boolean;
  disconnectionTurnedOn?: string | null;
  /** The newest observedAt at which the billing alert was seen active (any order). */
  billingSeenAt?: string;
  /** observedAt of the newest heartbeat with a reachability result. */
  reachAt?: string;
  reachability?: "reachable" | "unreachable";
  /** The newest reported successful send. */
  sendPassedAt?: string;
  /** Every reported failed send; the SQL keeps the earliest after the last success. */
  sendFailedAt?: string[];
}

const newest = (a: Heartbeat, b: Heartbeat) => (b.observedAt.getTime() > a.observedAt.getTime() ? b : a);
const iso = (date: Date) => date.toISOString();

export function mergeHeartbeats(heartbeats: readonly Heartbeat[]): AppliancePatch[] {
  const byAppliance = new Map<string, Heartbeat[]>();
  for (const heartbeat of heartbeats) {
    const id = heartbeat.applianceId.toLowerCase();
    const list = byAppliance.get(id);
    if (list) list.push(heartbeat);
    else byAppliance.set(id, [heartbeat]);
  }
  return [...byAppliance].map(([id, list]) => ({ id, doc: patchOf(list) }));
}

function patchOf(list: readonly Heartbeat[]): PatchDoc {
  const latest = list.reduce(newest);
  const doc: PatchDoc = { at: iso(latest.observedAt) };
  if (latest.version !== undefined) {
    doc.version = latest.version;
    const atLeast9 = isAtLeast9(latest.version);
    if (atLeast9 !== null) doc.atLeast9 = atLeast9;
  }
  if (latest.licenseType !== undefined) doc.licenseType = latest.licenseType;
  if (latest.siteName !== undefined) doc.siteName = latest.siteName;
  if (latest.zvmClockUtc !== undefined) {
    doc.clockSkewSeconds = Math.round(latest.zvmClockUtc.getTime() - latest.observedAt.getTime()) / 1000;
  }

  const withAlerts = list.filter((h) => h.billingAlert !== undefined || h.disconnectionAlert !== undefined);
  if (withAlerts.length > 0) {
    const alerts = withAlerts.reduce(newest);
    doc.alertsAt = iso(alerts.observedAt);
    if (alerts.billingAlert) {
      doc.billingActive = alerts.billingAlert.active;
      doc.billingTurnedOn = alerts.billingAlert.active && alerts.billingAlert.turnedOn ? iso(alerts.billingAlert.turnedOn) : null;
    }
    if (alerts.disconnectionAlert) {
      doc.disconnectionActive = alerts.disconnectionAlert.active;
      doc.disconnectionTurnedOn =
        alerts.disconnectionAlert.active && alerts.disconnectionAlert.turnedOn ? iso(alerts.disconnectionAlert.turnedOn) : null;
    }
  }
  const billingSeen = list.filter((h) => h.billingAlert?.active === true);
  if (billingSeen.length > 0) doc.billingSeenAt = iso(billingSeen.reduce(newest).observedAt);

  const withReach = list.filter((h) => h.newEndpointReachability !== undefined);
  if (withReach.length > 0) {
    const reach = withReach.reduce(newest);
    doc.reachAt = iso(reach.observedAt);
    doc.reachability = reach.newEndpointReachability;
  }

  const passed = list.flatMap((h) => (h.lastSend?.result === "passed" ? [h.lastSend.at.getTime()] : []));
  if (passed.length > 0) doc.sendPassedAt = iso(new Date(Math.max(...passed)));
  const failed = list.flatMap((h) => (h.lastSend?.result === "failed" ? [iso(h.lastSend.at)] : []));
  if (failed.length > 0) doc.sendFailedAt = [...new Set(failed)];
  return doc;
}
