import { formatUtc } from "@/lib/billing/time";
import type { ApplianceView } from "./appliance-view";

// Pure: the words the appliance screens use for the countdown and the last send,
// so a disconnected appliance never reads "0 days until disconnect" and "never
// proven" is never left beside "usage not sent since" unexplained.

/** "3 days until VRA disconnect", "VRAs disconnected since 2026-11-19 08:00 UTC", or null when not failing. */
export function disconnectHeadline(view: Pick<ApplianceView, "billingStatus" | "daysUntilDisconnect" | "disconnectAt">, now: Date): string | null {
  if (view.billingStatus === "disconnected") {
    const at = view.disconnectAt ? new Date(view.disconnectAt) : null;
    return at && at.getTime() <= now.getTime() ? `VRAs disconnected since ${formatUtc(at)}` : "VRAs disconnected (the ZVM raised its disconnection alert)";
  }
  if (view.daysUntilDisconnect === null) return null;
  return `${view.daysUntilDisconnect} ${view.daysUntilDisconnect === 1 ? "day" : "days"} until VRA disconnect`;
}

/** Why there is no last successful send to show. */
export function neverProvenText(view: Pick<ApplianceView, "failingSince">): string {
  return view.failingSince
    ? "none proven: Lifeline has seen no passed test transmission or collector-reported send from it; the failure dates from the ZVM's billing alert"
    : "none proven yet: no passed test transmission or collector-reported send so far";
}
