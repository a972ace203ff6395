// The built-in alert conditions and the steps an alert goes through. Shared by
// the evaluator, the dispatcher, the channels and the screens.

export const ALERT_CONDITIONS = [
  "billing",
  "stale",
  "certificate",
  "licence",
  "clock-skew",
  "migration",
  "billing-day",
] as const;
export type AlertCondition = (typeof ALERT_CONDITIONS)[number];

export const CONDITION_LABELS: Record<AlertCondition, string> = {
  billing: "Billing failing",
  stale: "Stale or unreachable",
  certificate: "Certificate changed",
  licence: "Licence misfit",
  "clock-skew": "Clock skew",
  migration: "9.0 readiness blocked",
  "billing-day": "Billing day at risk",
};

export const SEVERITIES = ["info", "warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function severityAtLeast(severity: Severity, minimum: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[minimum];
}

export function worstSeverity(severities: readonly Severity[]): Severity {
  return severities.reduce<Severity>((worst, next) => (SEVERITY_RANK[next] > SEVERITY_RANK[worst] ? next : worst), "info");
}

/**
 * Billing goes started → reminder(s) → disconnected → recovered; every other
 * condition goes triggered → resolved. An operator's acknowledgement is a step too.
 */
export const ALERT_STEPS = [
  "started",
  "reminder",
  "disconnected",
  "recovered",
  "triggered",
  "resolved",
  "acknowledged",
] as const;
export type AlertStep = (typeof ALERT_STEPS)[number];

/** What a step asks of a stateful receiver such as PagerDuty. */
export type StepAction = "trigger" | "acknowledge" | "resolve";

export function actionOf(step: AlertStep): StepAction {
  if (step === "recovered" || step === "resolved") return "resolve";
  if (step === "acknowledged") return "acknowledge";
  return "trigger";
}

/** The stable key of one condition on one appliance (PagerDuty's dedup_key). */
export function dedupKeyOf(applianceId: string, condition: AlertCondition): string {
  return `appliance:${applianceId}:${condition}`;
}

export function isAlertCondition(value: string): value is AlertCondition {
  return (ALERT_CONDITIONS as readonly string[]).includes(value);
}
