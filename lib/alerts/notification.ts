import type { ApplianceTags } from "@/lib/appliances/appliance-schemas";
import {
  CONDITION_LABELS,
  actionOf,
  worstSeverity,
  type AlertCondition,
  type AlertStep,
  type Severity,
  type StepAction,
} from "./conditions";

// The message one channel gets: the same for every channel type, stored in the
// outbox, rendered by lib/channels at delivery time. Pure.

/** The appliance facts an event carries, as they were when it fired. */
export interface EventDetail {
  appliance: { id: string; name: string; kind: "zvm" | "zca"; tags: ApplianceTags };
  billingStatus: string;
  daysUntilDisconnect: number | null;
  disconnectAt: string | null;
  failingSince: string | null;
  lastSuccessfulSendAt: string | null;
  /** The status reason the event is about, when there is one. */
  reasonCode: string | null;
  /** The reminder threshold reached (billing reminders). */
  reminderDays?: number;
  /** Who acknowledged (acknowledged steps). */
  actor?: string;
}

export interface NotificationItem {
  /** Set where one message carries several conditions (open alerts sent to a new channel). */
  condition?: AlertCondition;
  alertId: string;
  dedupKey: string;
  eventId: string;
  step: AlertStep;
  action: StepAction;
  severity: Severity;
  summary: string;
  at: string;
  appliance: EventDetail["appliance"];
  billingStatus: string;
  daysUntilDisconnect: number | null;
  disconnectAt: string | null;
  failingSince: string | null;
  /** The appliance page, when Lifeline's public address is set. */
  link: string | null;
}

export interface Notification {
  version: 1;
  /** open-alerts: what was already open when the channel was added or its routes changed, sent once. */
  kind: "alert" | "test" | "open-alerts";
  condition: AlertCondition | "test" | "open-alerts";
  step: AlertStep | "test" | "open-alerts";
  severity: Severity;
  title: string;
  createdAt: string;
  items: NotificationItem[];
}

export interface EventForNotification {
  id: bigint | string;
  alertId: string;
  dedupKey: string;
  condition: AlertCondition;
  step: AlertStep;
  severity: Severity;
  summary: string;
  createdAt: Date;
  detail: EventDetail;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The headline: what happened, to how many appliances. */
export function titleOf(condition: AlertCondition, step: AlertStep, count: number, actor?: string): string {
  const appliances = plural(count, "appliance");
  const label = CONDITION_LABELS[condition];
  switch (step) {
    case "started":
      return `${appliances} stopped sending usage to Zerto`;
    case "reminder":
      return `${appliances} nearing VRA disconnect`;
    case "disconnected":
      return `${appliances} disconnected from ${count === 1 ? "its" : "their"} VRAs`;
    case "recovered":
      return `${appliances} sending usage again`;
    case "triggered":
      return `${label}: ${appliances}`;
    case "resolved":
      return `${label} cleared: ${appliances}`;
    case "acknowledged":
      return `${label} acknowledged${actor ? ` by ${actor}` : ""}: ${appliances}`;
  }
}

/** The appliance's page at Lifeline's public address, for a message's reader; null when no address is set. */
export function linkOf(publicUrl: string | null, applianceId: string): string | null {
  return publicUrl ? `${publicUrl.replace(/\/+$/, "")}/appliances/${applianceId}` : null;
}

/** One channel's message for the events routed to it (all of one condition and step). */
export function buildNotification(events: readonly EventForNotification[], publicUrl: string | null, now: Date): Notification {
  if (events.length === 0) throw new Error("a notification needs at least one event");
  const { condition, step } = events[0];
  const items = [...events]
    .sort((a, b) => a.detail.appliance.name.localeCompare(b.detail.appliance.name))
    .map<NotificationItem>((event) => ({
      alertId: event.alertId,
      dedupKey: event.dedupKey,
      eventId: String(event.id),
      step: event.step,
      action: actionOf(event.step),
      severity: event.severity,
      summary: event.summary,
      at: event.createdAt.toISOString(),
      appliance: event.detail.appliance,
      billingStatus: event.detail.billingStatus,
      daysUntilDisconnect: event.detail.daysUntilDisconnect,
      disconnectAt: event.detail.disconnectAt,
      failingSince: event.detail.failingSince,
      link: linkOf(publicUrl, event.detail.appliance.id),
    }));
  const actors = [...new Set(events.map((event) => event.detail.actor).filter((actor): actor is string => Boolean(actor)))];
  return {
    version: 1,
    kind: "alert",
    condition,
    step,
    severity: worstSeverity(events.map((event) => event.severity)),
    title: titleOf(condition, step, items.length, actors.join(", ") || undefined),
    createdAt: now.toISOString(),
    items,
  };
}

/** Open alerts sent once to a channel that did not hear of them: one message, one item per alert. */
export function openAlertsNotification(items: readonly NotificationItem[], now: Date): Notification {
  if (items.length === 0) throw new Error("a notification needs at least one item");
  const sorted = [...items].sort((a, b) => a.appliance.name.localeCompare(b.appliance.name) || (a.condition ?? "").localeCompare(b.condition ?? ""));
  return {
    version: 1,
    kind: "open-alerts",
    condition: "open-alerts",
    step: "open-alerts",
    severity: worstSeverity(items.map((item) => item.severity)),
    title: `${plural(items.length, "alert")} open now, sent once to this channel: ${plural(new Set(items.map((item) => item.appliance.id)).size, "appliance")}`,
    createdAt: now.toISOString(),
    items: sorted,
  };
}

/** What "send test" delivers: no alerts, clearly marked. */
export function testNotification(channelName: string, actor: string, now: Date): Notification {
  return {
    version: 1,
    kind: "test",
    condition: "test",
    step: "test",
    severity: "info",
    title: `Test message for channel "${channelName}" from Lifeline (sent by ${actor})`,
    createdAt: now.toISOString(),
    items: [],
  };
}
