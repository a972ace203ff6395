import type { ApplianceView } from "@/lib/appliances/appliance-view";
import { isBillingDayAtRisk, nextBillingDay } from "@/lib/billing";
import { MS_PER_DAY, formatDays, formatUtc } from "@/lib/billing/time";
import type { AlertMemory, ConditionMemory } from "./alert-memory";
import type { AlertRules } from "./alert-rules";
import { ALERT_CONDITIONS, CONDITION_LABELS, type AlertCondition, type AlertStep, type Severity } from "./conditions";
import type { EventDetail } from "./notification";

// Pure: (what was remembered, the appliance view now, the time) → the steps that
// fire now, what to remember, and when the clock alone may fire the next step.
// Each step fires once per condition episode.

export interface AlertEventDraft {
  condition: AlertCondition;
  step: AlertStep;
  severity: Severity;
  summary: string;
  detail: EventDetail;
}

export interface Evaluation {
  memory: AlertMemory;
  events: AlertEventDraft[];
  /** Evaluate again by then even without new evidence. */
  nextDueAt: Date;
}

/** Without new evidence or a known deadline, look again after this long anyway. */
export const MAX_IDLE_MS = 10 * 60_000;
const BILLING_DAY_WINDOW_MS = 2 * MS_PER_DAY;
const PROOF_WINDOW_MS = MS_PER_DAY;

const BILLING_CODES = new Set(["billing-failing", "grace-expired", "disconnection-alert"]);
const DISCONNECTED_CODES = new Set(["grace-expired", "disconnection-alert"]);

interface Observation {
  summary: string;
  reasonCode: string | null;
}

interface BillingObservation extends Observation {
  disconnected: boolean;
  daysLeft: number | null;
}

const date = (iso: string | null) => (iso ? new Date(iso) : null);

function reason(view: ApplianceView, codes: ReadonlySet<string>) {
  return view.statusReasons.find((candidate) => codes.has(candidate.code)) ?? null;
}

function observeBilling(view: ApplianceView): BillingObservation | null {
  const found = reason(view, BILLING_CODES);
  if (!found) return null;
  return {
    summary: found.message,
    reasonCode: found.code,
    disconnected: DISCONNECTED_CODES.has(found.code),
    daysLeft: view.daysUntilDisconnect,
  };
}

function billingDayWindow(now: Date): { day: Date; opens: Date; inWindow: boolean } {
  const day = nextBillingDay(now);
  const opens = new Date(day.getTime() - BILLING_DAY_WINDOW_MS);
  return { day, opens, inWindow: now.getTime() >= opens.getTime() && now.getTime() < day.getTime() };
}

/** The non-billing conditions that hold now. */
function observeOthers(view: ApplianceView, now: Date): Partial<Record<AlertCondition, Observation>> {
  const found: Partial<Record<AlertCondition, Observation>> = {};
  const byCode = (condition: AlertCondition, code: string) => {
    const match = view.statusReasons.find((candidate) => candidate.code === code);
    if (match) found[condition] = { summary: match.message, reasonCode: code };
  };
  byCode("stale", "stale");
  byCode("stale", "never-reached");
  byCode("certificate", "tls-certificate-changed");
  byCode("licence", "licence-misfit");
  byCode("clock-skew", "clock-skew");
  if (view.migrationReadiness === "blocked") {
    found.migration = {
      summary: "Running Zerto 9.0 or later and failing to send usage: the new billing URL is most likely blocked by a firewall.",
      reasonCode: "migration-blocked",
    };
  } else {
    byCode("migration", "new-endpoint-unreachable");
  }
  const window = billingDayWindow(now);
  const atRisk = isBillingDayAtRisk(
    {
      billingStatus: view.billingStatus,
      lastSuccessfulSendAt: date(view.lastSuccessfulSendAt),
      noFailureReportedAt: date(view.noFailureReportedAt),
    },
    now,
  );
  if (window.inWindow && atRisk) {
    found["billing-day"] = {
      summary:
        `Usage is uploaded for billing on ${formatUtc(window.day)} and there is no proof of a successful send in the last 24 hours` +
        (view.lastSuccessfulSendAt ? ` (last proven ${formatUtc(new Date(view.lastSuccessfulSendAt))})` : "") +
        ": run a test transmission.",
      reasonCode: "billing-day-at-risk",
    };
  }
  return found;
}

const RESOLVED_TEXT: Record<Exclude<AlertCondition, "billing">, string> = {
  stale: "Fresh data is arriving again.",
  certificate: "The appliance's certificate is trusted again.",
  licence: "The licence now fits the appliance's role.",
  "clock-skew": "The clock is back within the limit.",
  migration: "No longer blocked for the 9.0 billing URL.",
  "billing-day": "A successful send is proven for the billing day, or the billing day has begun.",
};

function detailOf(view: ApplianceView, reasonCode: string | null, extra: Partial<EventDetail> = {}): EventDetail {
  return {
    appliance: { id: view.id, name: view.name, kind: view.kind, tags: view.tags },
    billingStatus: view.billingStatus,
    daysUntilDisconnect: view.daysUntilDisconnect,
    disconnectAt: view.disconnectAt,
    failingSince: view.failingSince,
    lastSuccessfulSendAt: view.lastSuccessfulSendAt,
    reasonCode,
    ...extra,
  };
}

/** The lowest reminder threshold at or above the days left: the reminders a message with these days left covers. */
export function coverOf(daysLeft: number | null, thresholds: readonly number[]): number | null {
  if (daysLeft === null) return null;
  const covering = thresholds.filter((threshold) => threshold >= daysLeft);
  return covering.length === 0 ? null : Math.min(...covering);
}

const below = (a: number | null, b: number | null) => a !== null && (b === null || a < b);

export function evaluateAppliance(previous: AlertMemory, view: ApplianceView, now: Date, rules: AlertRules): Evaluation {
  const events: AlertEventDraft[] = [];
  const conditions: AlertMemory["conditions"] = { ...previous.conditions };
  let billingDayDone = previous.billingDayDone;
  const due: Date[] = [new Date(now.getTime() + MAX_IDLE_MS)];
  const disabled = new Set(rules.disabled);
  const emit = (condition: AlertCondition, step: AlertStep, severity: Severity, summary: string, detail: EventDetail) =>
    events.push({ condition, step, severity, summary, detail });

  // Billing: started → reminders → disconnected → recovered.
  const billing = disabled.has("billing") ? null : observeBilling(view);
  const remembered = previous.conditions.billing;
  if (billing === null) {
    if (remembered) {
      const proof = view.lastSuccessfulSendAt ? `a successful send was proven at ${formatUtc(new Date(view.lastSuccessfulSendAt))}` : "the ZVM no longer reports the billing alert";
      const summary = disabled.has("billing") ? "Alerting for billing failures was switched off." : `Usage is being sent again: ${proof}.`;
      emit("billing", "recovered", "info", summary, detailOf(view, null));
      delete conditions.billing;
    }
  } else {
    const severityFor = (daysLeft: number | null) =>
      daysLeft !== null && daysLeft <= rules.criticalDays ? rules.severities.billingCritical : rules.severities.billingFailing;
    const cover = coverOf(billing.daysLeft, rules.reminderDays);
    const since = remembered?.since ?? now.toISOString();
    let next: ConditionMemory;
    if (billing.disconnected) {
      next = { since, step: "disconnected", severity: rules.severities.disconnected, covered: cover, disconnected: true };
      if (!remembered?.disconnected) {
        emit("billing", "disconnected", next.severity, billing.summary, detailOf(view, billing.reasonCode));
      } else {
        next = { ...remembered, covered: cover };
      }
    } else if (!remembered) {
      next = { since, step: "started", severity: severityFor(billing.daysLeft), covered: cover, disconnected: false };
      emit("billing", "started", next.severity, billing.summary, detailOf(view, billing.reasonCode));
    } else if (below(cover, remembered.covered ?? null)) {
      next = { since, step: "reminder", severity: severityFor(billing.daysLeft), covered: cover, disconnected: false };
      emit("billing", "reminder", next.severity, `Reminder, ${formatDays(billing.daysLeft ?? 0)} left: ${billing.summary}`, detailOf(view, billing.reasonCode, { reminderDays: cover ?? undefined }));
    } else {
      // The countdown moved back (later evidence): thresholds above the days left may fire again.
      next = { ...remembered, covered: cover, disconnected: false };
    }
    conditions.billing = next;
    if (!billing.disconnected && view.disconnectAt) {
      const disconnectAt = Date.parse(view.disconnectAt);
      due.push(new Date(disconnectAt));
      const upcoming = rules.reminderDays.filter((threshold) => below(threshold, cover));
      if (upcoming.length > 0) due.push(new Date(disconnectAt - (Math.max(...upcoming) + 1) * MS_PER_DAY + 1));
    }
  }

  // Every other condition: triggered → resolved.
  const observed = observeOthers(view, now);
  const window = billingDayWindow(now);
  for (const condition of ALERT_CONDITIONS) {
    if (condition === "billing") continue;
    const holds = disabled.has(condition) ? undefined : observed[condition];
    const was = previous.conditions[condition];
    if (holds && !was) {
      if (condition === "billing-day") {
        if (billingDayDone === window.day.toISOString()) continue;
        billingDayDone = window.day.toISOString();
      }
      const severity =
        holds.reasonCode === "migration-blocked" ? rules.severities.migrationBlocked : rules.severities[SEVERITY_KEY[condition]];
      conditions[condition] = { since: now.toISOString(), step: "triggered", severity };
      emit(condition, "triggered", severity, holds.summary, detailOf(view, holds.reasonCode));
    } else if (!holds && was) {
      const summary = disabled.has(condition) ? `Alerting for "${CONDITION_LABELS[condition]}" was switched off.` : RESOLVED_TEXT[condition];
      emit(condition, "resolved", "info", summary, detailOf(view, null));
      delete conditions[condition];
    }
  }
  if (!window.inWindow) due.push(window.opens);
  else {
    due.push(window.day);
    if (view.lastSuccessfulSendAt) due.push(new Date(Date.parse(view.lastSuccessfulSendAt) + PROOF_WINDOW_MS + 1));
  }

  const future = due.filter((at) => at.getTime() > now.getTime());
  return {
    memory: { conditions, billingDayDone },
    events,
    nextDueAt: new Date(Math.min(...future.map((at) => at.getTime()))),
  };
}

const SEVERITY_KEY = {
  stale: "stale",
  certificate: "certificate",
  licence: "licence",
  "clock-skew": "clockSkew",
  migration: "migration",
  "billing-day": "billingDay",
} as const satisfies Record<Exclude<AlertCondition, "billing">, keyof AlertRules["severities"]>;
