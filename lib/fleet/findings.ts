import type { StatusReason } from "@/lib/billing";
import { isAtLeast9 } from "@/lib/billing";

// Pure: each status reason as a finding an operator can act on, with the
// concrete fix as Zerto documents it (see ../shared/DOMAIN.md and its sources).

export interface Finding {
  code: string;
  severity: StatusReason["severity"];
  message: string;
  /** What to do, in order; empty when there is nothing to do. */
  fix: string[];
}

export interface FindingContext {
  kind: "zvm" | "zca";
  version: string | null;
  mode: "polled" | "reporting";
  lastPollError: string | null;
  billingEndpoints: { old: string[]; new: string[] };
}

const list = (hosts: string[]) => (hosts.length === 0 ? null : hosts.join(", "));

function endpointsFor(context: FindingContext): string {
  const upgraded = isAtLeast9(context.version) === true;
  const hosts = upgraded ? list(context.billingEndpoints.new) : list(context.billingEndpoints.old);
  if (hosts) return hosts;
  return upgraded
    ? "the Zerto 9.0 billing host (not configured yet: an admin enters it under Settings → Billing endpoints, from Zerto's notice FTN-20210401)"
    : "Zerto's billing host (configure it under Settings → Billing endpoints)";
}

function connectivitySteps(context: FindingContext): string[] {
  const appliance = context.kind === "zca" ? "ZCA" : "ZVM";
  return [
    `Allow HTTPS (TCP 443) from the ${appliance} to ${endpointsFor(context)}.`,
    `If the ${appliance} reaches the internet through a proxy: the proxy must not require authentication, and it must be set for the user that runs the ZVM service (localservice by default), not only for the signed-in administrator.`,
    'In the ZVM\'s Site Settings → Support, switch on "Enable Online Services" and "Enable Support notification and Product Improvement feedback".',
    "Make sure the ZVM and ZCM machines take their time from NTP: billing is refused from a wrong clock.",
    "Then run a test transmission (the button on this page, or License → Test usage transmission to Zerto in the ZVM); on success the banner goes away.",
  ];
}

/** Every poll failed: the last error says what and how to fix it, in words. */
function notReachedSteps(context: FindingContext): string[] {
  if (context.mode === "reporting") {
    return ["Start the collector for this appliance with a collector token, and check it can reach Lifeline; nothing has reported yet."];
  }
  return [
    ...(context.lastPollError ? [`Last poll: ${context.lastPollError}`] : []),
    "An admin corrects the address, credentials, sign-in method or certificate pin with Edit; then use Poll now.",
  ];
}

const FIXES: Record<string, (context: FindingContext) => string[]> = {
  "billing-failing": connectivitySteps,
  "grace-expired": (context) => [
    ...connectivitySteps(context),
    "After the send succeeds, check that the VRAs reconnect and recovery checkpoints are written again.",
  ],
  "disconnection-alert": (context) => [
    ...connectivitySteps(context),
    "After the send succeeds, check that the VRAs reconnect and recovery checkpoints are written again; protection has been paused for every tenant on this site.",
  ],
  "alert-persists-after-success": () => [
    "Run the test transmission again from the ZVM (License → Test usage transmission to Zerto) and check the banner clears.",
    "If it stays, open a case with Zerto support: the countdown keeps running from when the alert turned on.",
  ],
  "alert-start-unknown": () => ["Read the alert's start time in the ZVM (Monitoring → Alerts) and plan against that date."],
  "clock-skew": () => [
    "Point the ZVM (and ZCM) machine at an NTP server and let it synchronise; billing needs NTP-synchronised clocks.",
  ],
  "licence-misfit": () => [
    "Production sites need the cloud production licence (Cloud or CloudOneToMany) from your Zerto account team; test sites should carry a Not-For-Resale (NFR) licence.",
    "If the role recorded here is wrong, an admin changes it with Edit.",
  ],
  "licence-trial-on-test": () => ["Ask your Zerto account manager for a Not-For-Resale (NFR) licence for this test site."],
  "licence-unknown": () => ["Nothing to do yet: the licence type is read on the next successful poll."],
  "new-endpoint-unreachable": (context) => [
    `Before upgrading to Zerto 9.0, allow HTTPS (TCP 443) from this site to ${list(context.billingEndpoints.new) ?? "the new billing host (an admin enters it under Settings → Billing endpoints)"}.`,
    "The upgrade itself succeeds without it; the billing alert appears afterwards and the 15-day countdown starts.",
  ],
  "migration-unconfirmed": (context) => [
    `Check the firewall allows ${list(context.billingEndpoints.new) ?? "the Zerto 9.0 billing host"} on 443, then run a test transmission to prove the new endpoint.`,
  ],
  "tls-certificate-changed": () => [
    "Confirm with the ZVM's administrator that its certificate was replaced on purpose (compare the SHA-256 fingerprint out of band).",
    "Then an admin clicks \"Trust the new certificate\"; until then polls are refused.",
  ],
  stale: (context) =>
    context.mode === "reporting"
      ? ["Check that the collector near this appliance is running and can reach Lifeline; its heartbeats have stopped."]
      : [
          `Check that Lifeline can reach ${context.kind === "zca" ? "the ZCA" : "the ZVM"}'s API (HTTPS, usually port 9669) and that its service account still signs in.`,
          ...(context.lastPollError ? [`Last poll error: ${context.lastPollError}`] : []),
        ],
  "never-reached": (context) => notReachedSteps(context),
  "not-reached-yet": (context) => notReachedSteps(context),
  "no-data": (context) =>
    context.mode === "reporting"
      ? ["Start the collector for this appliance with a collector token; nothing has reported yet."]
      : ["Wait for the first poll, or use Poll now; if it fails, check the URL, the credentials and the certificate pin."],
  "no-billing-evidence": () => ["Run a test transmission to prove the appliance can send usage."],
  "version-unreadable": () => [],
  "licence-exempt": () => [],
};

export function findingsOf(reasons: readonly StatusReason[], context: FindingContext): Finding[] {
  return reasons.map((reason) => ({ ...reason, fix: FIXES[reason.code]?.(context) ?? [] }));
}
