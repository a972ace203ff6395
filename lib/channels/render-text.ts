import type { Notification, NotificationItem } from "@/lib/alerts/notification";

// Pure: the words every human-facing channel (Slack, Teams, email) shows.

/** A long list is cut here, with a count of the rest: a message must stay readable in a storm. */
export const MAX_LISTED = 50;

export const TEST_TEXT = "This is a test: the channel works. No appliance is affected.";

export function headline(notification: Notification): string {
  return `[${notification.severity.toUpperCase()}] ${notification.title}`;
}

/** " (tenant acme, region ams)" or "". */
export function tagText(item: NotificationItem): string {
  const { tenant, region } = item.appliance.tags;
  const parts = [tenant ? `tenant ${tenant}` : null, region ? `region ${region}` : null].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

/** The items a message lists, and how many it leaves out. */
export function listed(notification: Notification): { items: NotificationItem[]; more: number } {
  const items = notification.items.slice(0, MAX_LISTED);
  return { items, more: notification.items.length - items.length };
}

export function moreText(more: number): string {
  return `… and ${more} more`;
}

export function plainText(notification: Notification, idempotencyKey: string): string {
  const { items, more } = listed(notification);
  const lines =
    notification.kind === "test"
      ? [TEST_TEXT]
      : [
          ...items.map((item) => `- ${item.appliance.name}${tagText(item)}: ${item.summary}${item.link ? `\n  ${item.link}` : ""}`),
          ...(more > 0 ? [moreText(more)] : []),
        ];
  return [headline(notification), "", ...lines, "", `Message ${idempotencyKey} from Lifeline.`].join("\n");
}
