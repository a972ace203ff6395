import type { ZvmAlert } from "./types";

// Pure: which of a ZVM's listed alerts describe the ZVM itself.

const PEER_SITE_LINK = /peersite/i;

/**
 * /v1/alerts also lists the alerts of paired sites. When both identifiers are
 * known they decide; otherwise a link typed as a peer site (`PeerSiteApi`)
 * marks a paired site's alert. An alert that names no site counts as local: a
 * billing alert must never be dropped for lack of a label.
 */
export function isLocalAlert(alert: Pick<ZvmAlert, "site" | "siteType">, localSiteIdentifier: string | null): boolean {
  if (alert.site !== null && localSiteIdentifier !== null) {
    return alert.site.trim().toLowerCase() === localSiteIdentifier.trim().toLowerCase();
  }
  return !(alert.siteType !== null && PEER_SITE_LINK.test(alert.siteType));
}

export function localAlertsOf<A extends Pick<ZvmAlert, "site" | "siteType">>(
  alerts: readonly A[],
  localSiteIdentifier: string | null,
): { local: A[]; peer: A[] } {
  const local: A[] = [];
  const peer: A[] = [];
  for (const alert of alerts) (isLocalAlert(alert, localSiteIdentifier) ? local : peer).push(alert);
  return { local, peer };
}

/** "No connection to VRA" (ZVM0002) and "VRAs not connected" (VRA0005): the ZVM cannot reach VRAs. */
const VRA_CONNECTION_IDENTIFIERS = new Set(["zvm0002", "vra0005"]);
const VRA_CONNECTION_WORDING = /no connection to (?:the )?vra|vras? (?:are |is )?not connected/i;

export function isVraConnectionAlert(alert: Pick<ZvmAlert, "helpIdentifier" | "description">): boolean {
  const id = alert.helpIdentifier?.trim().toLowerCase();
  if (id && VRA_CONNECTION_IDENTIFIERS.has(id)) return true;
  return alert.description !== null && VRA_CONNECTION_WORDING.test(alert.description);
}
