import type { Notification } from "@/lib/alerts/notification";
import { checkAnswer, postWithPolicy } from "./http-post";
import { TEST_TEXT, headline, listed, moreText, tagText } from "./render-text";
import type { SendContext } from "./send-context";

const SYMBOL = { critical: ":red_circle:", warning: ":large_orange_circle:", info: ":large_blue_circle:" } as const;

/** Slack's mrkdwn escapes only these three. */
const escape = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Slack limits a section's text to 3,000 characters; lines that do not fit are counted instead. */
const MAX_SECTION = 2_900;

/** A Slack incoming-webhook body: one section with the headline and one line per appliance. */
export function slackBody(notification: Notification): { text: string; blocks: unknown[] } {
  const title = `${SYMBOL[notification.severity]} *${escape(headline(notification))}*`;
  const { items, more } = listed(notification);
  const lines = notification.kind === "test" ? [escape(TEST_TEXT)] : items.map((item) => {
    const name = item.link ? `<${item.link}|${escape(item.appliance.name)}>` : `*${escape(item.appliance.name)}*`;
    return `• ${name}${escape(tagText(item))}: ${escape(item.summary)}`;
  });
  const shown: string[] = [];
  let length = title.length;
  for (const line of lines) {
    if (length + line.length + 1 > MAX_SECTION - 40) break;
    shown.push(line);
    length += line.length + 1;
  }
  const left = lines.length - shown.length + more;
  const text = [title, ...shown, ...(left > 0 ? [moreText(left)] : [])].join("\n");
  return { text: escape(headline(notification)), blocks: [{ type: "section", text: { type: "mrkdwn", text } }] };
}

export async function sendSlack(target: { url: string }, notification: Notification, context: SendContext): Promise<string> {
  const answer = await postWithPolicy(target.url, JSON.stringify(slackBody(notification)), {
    headers: { "content-type": "application/json", "user-agent": "Lifeline-Alerts/1", "idempotency-key": context.idempotencyKey },
    timeoutMs: context.timeoutMs,
    allow: context.allow,
    signal: context.signal,
  });
  return checkAnswer(answer);
}
