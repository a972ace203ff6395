import crypto from "node:crypto";
import type { Notification } from "@/lib/alerts/notification";
import { checkAnswer, postWithPolicy } from "./http-post";
import type { SendContext } from "./send-context";

// The notification as JSON, signed so a receiver can tell it is ours and fresh:
//   X-Lifeline-Timestamp: <unix seconds>
//   X-Lifeline-Signature: sha256=<hex HMAC-SHA256(signing secret, "<timestamp>.<body>")>

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** For receivers (and our tests): the signature is right and the timestamp within `toleranceSeconds` of now. */
export function verifyWebhookSignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

export function webhookBody(notification: Notification, idempotencyKey: string): string {
  return JSON.stringify({ idempotencyKey, ...notification });
}

export async function sendWebhook(
  target: { url: string; signingSecret: string },
  notification: Notification,
  context: SendContext,
): Promise<string> {
  const body = webhookBody(notification, context.idempotencyKey);
  // The moment of sending on the wall clock: what a receiver compares with its own.
  const timestamp = String(Math.floor(Date.now() / 1000));
  const answer = await postWithPolicy(target.url, body, {
    headers: {
      "content-type": "application/json",
      "user-agent": "Lifeline-Alerts/1",
      "idempotency-key": context.idempotencyKey,
      "x-lifeline-timestamp": timestamp,
      "x-lifeline-signature": signWebhook(target.signingSecret, timestamp, body),
    },
    timeoutMs: context.timeoutMs,
    allow: context.allow,
    signal: context.signal,
  });
  return checkAnswer(answer);
}
