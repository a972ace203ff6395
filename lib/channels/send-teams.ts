import type { Notification } from "@/lib/alerts/notification";
import { checkAnswer, postWithPolicy } from "./http-post";
import { TEST_TEXT, headline, listed, moreText, tagText } from "./render-text";
import type { SendContext } from "./send-context";

const COLOR = { critical: "Attention", warning: "Warning", info: "Accent" } as const;

/**
 * A Microsoft Teams webhook body: an Adaptive Card in a message, the form both
 * Teams Workflows webhooks and the older connectors accept.
 */
export function teamsBody(notification: Notification): unknown {
  const { items, more } = listed(notification);
  const lines =
    notification.kind === "test"
      ? [TEST_TEXT]
      : [
          ...items.map((item) => `${item.link ? `[${item.appliance.name}](${item.link})` : `**${item.appliance.name}**`}${tagText(item)}: ${item.summary}`),
          ...(more > 0 ? [moreText(more)] : []),
        ];
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", text: headline(notification), weight: "Bolder", size: "Medium", wrap: true, color: COLOR[notification.severity] },
            ...lines.map((line) => ({ type: "TextBlock", text: line, wrap: true, spacing: "Small" })),
          ],
        },
      },
    ],
  };
}

export async function sendTeams(target: { url: string }, notification: Notification, context: SendContext): Promise<string> {
  const answer = await postWithPolicy(target.url, JSON.stringify(teamsBody(notification)), {
    headers: { "content-type": "application/json", "user-agent": "Lifeline-Alerts/1", "idempotency-key": context.idempotencyKey },
    timeoutMs: context.timeoutMs,
    allow: context.allow,
    signal: context.signal,
  });
  return checkAnswer(answer);
}
