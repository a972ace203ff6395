import type { MigrationReadiness, Reachability } from "@/lib/billing";

/** Each readiness group's heading and what it means for the firewall team. */
export const MIGRATION_GROUP_TEXT: Record<MigrationReadiness, { title: string; explain: string }> = {
  blocked: { title: "Blocked", explain: "On 9.0 or later and failing to send: the new billing endpoint is most likely not allowed." },
  "pending-upgrade": {
    title: "Pending upgrade",
    explain: "Below 9.0. The collector near each site probes the new billing endpoint; unreachable ones need a firewall rule before the upgrade.",
  },
  unknown: { title: "Unknown", explain: "Version not read yet, or a billing alert was seen since the upgrade and no send has been proven since." },
  ready: { title: "Ready", explain: "On 9.0 or later with a proven send, or no billing alert, since the upgrade." },
};

/** A billing host as a firewall rule names it: the port is 443 unless the host says otherwise. */
export function firewallTargetText(host: string): string {
  return `${host.includes(":") ? host : `${host}:443`} (HTTPS)`;
}

export function reachabilityText(reachability: Reachability): string {
  if (reachability === "reachable") return "✓ reachable";
  if (reachability === "unreachable") return "✕ unreachable";
  return "? not probed";
}

export function totalOf(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}
