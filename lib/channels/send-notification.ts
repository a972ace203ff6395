import type { Notification } from "@/lib/alerts/notification";
import { DecryptError } from "@/lib/crypto/secret-box";
import type { AlertChannel } from "@/lib/generated/prisma/client";
import { openChannelSecrets, type ChannelSecrets } from "./channel-secrets";
import { PAGERDUTY_ENDPOINT, type ChannelConfig, type EmailConfig } from "./channel-schemas";
import { DeliveryError } from "./delivery-error";
import type { SendContext } from "./send-context";
import { sendEmail } from "./send-email";
import { sendPagerDuty } from "./send-pagerduty";
import { sendSlack } from "./send-slack";
import { sendTeams } from "./send-teams";
import { sendWebhook } from "./send-webhook";

function secretsOf(channel: Pick<AlertChannel, "secretsSealed">): ChannelSecrets {
  try {
    return openChannelSecrets(channel.secretsSealed);
  } catch (error) {
    if (error instanceof DecryptError) throw new DeliveryError("the channel's secrets are unreadable: the encryption key changed", { retryable: false });
    throw error;
  }
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new DeliveryError(`the channel has no ${what}`, { retryable: false });
  return value;
}

/** Sends one notification through one channel; resolves with what the receiver answered, or throws DeliveryError. */
export async function sendNotification(
  channel: Pick<AlertChannel, "type" | "config" | "secretsSealed">,
  notification: Notification,
  context: SendContext,
): Promise<string> {
  const secrets = secretsOf(channel);
  const config = (channel.config ?? {}) as ChannelConfig;
  switch (channel.type) {
    case "webhook":
      return sendWebhook({ url: required(secrets.url, "URL"), signingSecret: required(secrets.signingSecret, "signing secret") }, notification, context);
    case "slack":
      return sendSlack({ url: required(secrets.url, "URL") }, notification, context);
    case "teams":
      return sendTeams({ url: required(secrets.url, "URL") }, notification, context);
    case "pagerduty":
      return sendPagerDuty({ endpoint: config.endpoint ?? PAGERDUTY_ENDPOINT, routingKey: required(secrets.routingKey, "routing key") }, notification, context);
    case "email":
      return sendEmail({ ...(config as EmailConfig), password: secrets.password }, notification, context);
  }
}
