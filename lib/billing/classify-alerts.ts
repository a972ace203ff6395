import type { AlertMatcher, CompiledAlertPatterns } from "./alert-patterns";
import type { AlertObservation } from "./types";
import { earliest } from "./time";

export type ZvmAlertKind = "billing" | "disconnection";

export interface ZvmAlertText {
  helpIdentifier?: string | null;
  description?: string | null;
  entity?: string | null;
}

export interface ZvmAlertSnapshot extends ZvmAlertText {
  turnedOn: Date | null;
  isDismissed?: boolean;
}

export interface AlertSummary {
  billingAlert: AlertObservation;
  disconnectionAlert: AlertObservation;
}

// Disconnection first: its description also says "did not send site usage information".
export function classifyZvmAlert(alert: ZvmAlertText, compiled: CompiledAlertPatterns): ZvmAlertKind | null {
  if (matches(alert, compiled.disconnection)) return "disconnection";
  if (matches(alert, compiled.billing)) return "billing";
  return null;
}

/**
 * Dismissed alerts still count: dismissing hides the banner but does not send
 * usage, and the ZVM's 15-day countdown keeps running from the first turnedOn.
 */
export function summariseAlerts(
  alerts: readonly ZvmAlertSnapshot[],
  compiled: CompiledAlertPatterns,
): AlertSummary {
  const turnedOn: Record<ZvmAlertKind, (Date | null)[]> = { billing: [], disconnection: [] };
  for (const alert of alerts) {
    const kind = classifyZvmAlert(alert, compiled);
    if (kind) turnedOn[kind].push(alert.turnedOn);
  }
  return {
    billingAlert: observationOf(turnedOn.billing),
    disconnectionAlert: observationOf(turnedOn.disconnection),
  };
}

function observationOf(turnedOn: (Date | null)[]): AlertObservation {
  return { active: turnedOn.length > 0, turnedOn: earliest(turnedOn) };
}

function matches(alert: ZvmAlertText, matcher: AlertMatcher): boolean {
  const helpIdentifier = alert.helpIdentifier?.trim().toLowerCase();
  if (helpIdentifier && matcher.helpIdentifiers.has(helpIdentifier)) return true;
  const texts = [alert.description, alert.entity].filter((text): text is string => !!text);
  return matcher.descriptionPatterns.some((pattern) => texts.some((text) => pattern.test(text)));
}
