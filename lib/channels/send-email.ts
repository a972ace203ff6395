import nodemailer from "nodemailer";
import type { Notification } from "@/lib/alerts/notification";
import type { EmailConfig } from "./channel-schemas";
import { DeliveryError } from "./delivery-error";
import { headline, plainText } from "./render-text";
import type { SendContext } from "./send-context";

// Email over SMTP. The SMTP relay is usually inside the CSP's network, so it is
// not subject to the webhook address policy; only an admin can set it.

export function emailMessage(config: Pick<EmailConfig, "from" | "to">, notification: Notification, idempotencyKey: string) {
  return {
    from: config.from,
    to: config.to,
    subject: `[Lifeline] ${headline(notification)}`.slice(0, 250),
    text: plainText(notification, idempotencyKey),
    // The same Message-ID on every attempt: a mail system (or a person) can tell a retried delivery.
    messageId: `<${idempotencyKey}@lifeline.invalid>`,
    headers: { "X-Lifeline-Idempotency-Key": idempotencyKey, "X-Lifeline-Severity": notification.severity },
  };
}

function toDeliveryError(error: unknown): DeliveryError {
  const failure = error as { code?: string; responseCode?: number; message?: string };
  const permanent = typeof failure.responseCode === "number" && failure.responseCode >= 500;
  const text = [failure.code, failure.responseCode ? `smtp ${failure.responseCode}` : null, failure.message?.split("\n")[0]]
    .filter(Boolean)
    .join(": ");
  return new DeliveryError(text.slice(0, 300) || "smtp failed", { retryable: !permanent });
}

export async function sendEmail(
  target: EmailConfig & { password?: string },
  notification: Notification,
  context: SendContext,
): Promise<string> {
  const timeout = context.timeoutMs;
  const transport = nodemailer.createTransport({
    host: target.host,
    port: target.port,
    secure: target.security === "tls",
    requireTLS: target.security === "starttls",
    ignoreTLS: target.security === "none",
    auth: target.username ? { user: target.username, pass: target.password ?? "" } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    dnsTimeout: timeout,
  });
  const abort = () => transport.close();
  context.signal?.addEventListener("abort", abort, { once: true });
  try {
    const info = await transport.sendMail(emailMessage(target, notification, context.idempotencyKey));
    return `smtp ${String(info.response ?? "accepted").slice(0, 100)}`;
  } catch (error) {
    throw toDeliveryError(error);
  } finally {
    context.signal?.removeEventListener("abort", abort);
    transport.close();
  }
}
