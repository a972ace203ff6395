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

const isNewer = (candidate: Heartbeat, than: Heartbeat | undefined) =>
  than === undefined || candidate.observedAt.getTime() > than.observedAt.getTime();
const iso = (date: Date) => date.toISOString();

// Collectors report the same few versions all day; parse each once.
const versionIsAtLeast9 = new Map<string, boolean | null>();
function atLeast9(version: string): boolean | null {
  let known = versionIsAtLeast9.get(version);
  if (known === undefined) {
    known = isAtLeast9(version);
    if (versionIsAtLeast9.size >= 1_000) versionIsAtLeast9.clear();
    versionIsAtLeast9.set(version, known);
  }
  return known;
}

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

/** One pass over an appliance's heartbeats; of equally new ones, the first counts. */
function patchOf(list: readonly Heartbeat[]): PatchDoc {
  let latest: Heartbeat | undefined;
  let alerts: Heartbeat | undefined;
  let billingSeen: Heartbeat | undefined;
  let reach: Heartbeat | undefined;
  let passedMs = Number.NEGATIVE_INFINITY;
  let failed: Set<string> | undefined;
  for (const h of list) {
    if (isNewer(h, latest)) latest = h;
    if ((h.billingAlert !== undefined || h.disconnectionAlert !== undefined) && isNewer(h, alerts)) alerts = h;
    if (h.billingAlert?.active === true && isNewer(h, billingSeen)) billingSeen = h;
    if (h.newEndpointReachability !== undefined && isNewer(h, reach)) reach = h;
    if (h.lastSend?.result === "passed") passedMs = Math.max(passedMs, h.lastSend.at.getTime());
    else if (h.lastSend?.result === "failed") (failed ??= new Set()).add(iso(h.lastSend.at));
  }
  const newest = latest as Heartbeat;
  const doc: PatchDoc = { at: iso(newest.observedAt) };
  if (newest.version !== undefined) {
    doc.version = newest.version;
    const nine = atLeast9(newest.version);
    if (nine !== null) doc.atLeast9 = nine;
  }
  if (newest.licenseType !== undefined) doc.licenseType = newest.licenseType;
  if (newest.siteName !== undefined) doc.siteName = newest.siteName;
  if (newest.zvmClockUtc !== undefined) {
    doc.clockSkewSeconds = Math.round(newest.zvmClockUtc.getTime() - newest.observedAt.getTime()) / 1000;
  }
  if (alerts) {
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
  if (billingSeen) doc.billingSeenAt = iso(billingSeen.observedAt);
  if (reach) {
    doc.reachAt = iso(reach.observedAt);
    doc.reachability = reach.newEndpointReachability;
  }
  if (passedMs !== Number.NEGATIVE_INFINITY) doc.sendPassedAt = iso(new Date(passedMs));
  if (failed) doc.sendFailedAt = [...failed];
  return doc;
}
