import type { Notification, NotificationItem } from "@/lib/alerts/notification";
import { DeliveryError } from "./delivery-error";
import { checkAnswer, postWithPolicy } from "./http-post";
import type { SendContext } from "./send-context";

// PagerDuty Events API v2: one event per alert, keyed by the alert's dedup key,
// so Lifeline's acknowledge and resolve reach the same PagerDuty alert. A
// grouped message is sent event by event; progress survives a failed attempt.

export type PagerDutyEvent =
  | {
      routing_key: string;
      event_action: "trigger";
      dedup_key: string;
      payload: {
        summary: string;
        source: string;
        severity: "critical" | "error" | "warning" | "info";
        timestamp: string;
        component: string;
        group?: string;
        class: string;
        custom_details: Record<string, unknown>;
      };
      client: string;
      client_url?: string;
      links?: { href: string; text: string }[];
    }
  | { routing_key: string; event_action: "acknowledge" | "resolve"; dedup_key: string };

export function pagerDutyEvent(routingKey: string, notification: Notification, item: NotificationItem, idempotencyKey: string): PagerDutyEvent {
  if (item.action !== "trigger") return { routing_key: routingKey, event_action: item.action, dedup_key: item.dedupKey };
  return {
    routing_key: routingKey,
    event_action: "trigger",
    dedup_key: item.dedupKey,
    payload: {
      summary: `${item.appliance.name}: ${item.summary}`.slice(0, 1024),
      source: item.appliance.name,
      severity: item.severity,
      timestamp: item.at,
      component: item.appliance.kind,
      ...(item.appliance.tags.tenant ? { group: item.appliance.tags.tenant } : {}),
      class: String(item.condition ?? notification.condition),
      custom_details: {
        step: item.step,
        billingStatus: item.billingStatus,
        daysUntilDisconnect: item.daysUntilDisconnect,
        disconnectAt: item.disconnectAt,
        failingSince: item.failingSince,
        tags: item.appliance.tags,
        idempotencyKey,
      },
    },
    client: "Lifeline",
    ...(item.link ? { client_url: item.link, links: [{ href: item.link, text: `${item.appliance.name} in Lifeline` }] } : {}),
  };
}

/** "Send test" opens an alert and resolves it at once, so nobody is left with an incident. */
function testEvents(routingKey: string, notification: Notification, idempotencyKey: string): PagerDutyEvent[] {
  const dedupKey = `lifeline:test:${idempotencyKey}`;
  return [
    {
      routing_key: routingKey,
      event_action: "trigger",
      dedup_key: dedupKey,
      payload: {
        summary: notification.title,
        source: "lifeline",
        severity: "info",
        timestamp: notification.createdAt,
        component: "lifeline",
        class: "test",
        custom_details: { idempotencyKey },
      },
      client: "Lifeline",
    },
    { routing_key: routingKey, event_action: "resolve", dedup_key: dedupKey },
  ];
}

export function pagerDutyEvents(routingKey: string, notification: Notification, idempotencyKey: string): PagerDutyEvent[] {
  return notification.kind === "test"
    ? testEvents(routingKey, notification, idempotencyKey)
    : notification.items.map((item) => pagerDutyEvent(routingKey, notification, item, idempotencyKey));
}

export async function sendPagerDuty(
  target: { endpoint: string; routingKey: string },
  notification: Notification,
  context: SendContext,
): Promise<string> {
  const events = pagerDutyEvents(target.routingKey, notification, context.idempotencyKey);
  let accepted = context.progress ?? 0;
  let last = "no events";
  while (accepted < events.length) {
    try {
      const answer = await postWithPolicy(target.endpoint, JSON.stringify(events[accepted]), {
        headers: { "content-type": "application/json", "user-agent": "Lifeline-Alerts/1", "idempotency-key": `${context.idempotencyKey}:${accepted}` },
        timeoutMs: context.timeoutMs,
        allow: context.allow,
        signal: context.signal,
      });
      last = checkAnswer(answer, (status) => status === 202 || status === 200);
    } catch (error) {
      if (error instanceof DeliveryError) {
        throw new DeliveryError(`event ${accepted + 1} of ${events.length}: ${error.message}`, { retryable: error.retryable, refused: error.refused, progress: accepted });
      }
      throw error;
    }
    accepted += 1;
    await context.onProgress?.(accepted);
  }
  return `${last} (${events.length} event${events.length === 1 ? "" : "s"})`;
}
