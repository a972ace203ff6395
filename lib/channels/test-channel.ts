import crypto from "node:crypto";
import { testNotification } from "@/lib/alerts/notification";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { auditedChange } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { DeliveryError } from "./delivery-error";
import { findChannel } from "./internal/find-channel";
import { sendNotification } from "./send-notification";
import { AllowList } from "./target-policy";

export interface ChannelTestResult {
  ok: boolean;
  /** What the receiver answered, or what went wrong. */
  detail: string;
  at: string;
}

/**
 * "Send test": delivers a test message now, outside the outbox, and says what
 * happened. A failure is an answer, not an error: the admin reads why.
 */
export async function testChannel(db: Database, actor: Actor | null, id: string, now = new Date()): Promise<ChannelTestResult> {
  authorize(actor, "admin");
  const channel = await findChannel(db, id);
  const alerting = (await getSettings(db)).alerting;
  let result: ChannelTestResult;
  try {
    const detail = await sendNotification(channel, testNotification(channel.name, actor.label, now), {
      idempotencyKey: `test-${crypto.randomUUID()}`,
      timeoutMs: alerting.deliveryTimeoutSeconds * 1000,
      allow: new AllowList(alerting.allowedTargets),
      now: () => new Date(),
    });
    result = { ok: true, detail, at: now.toISOString() };
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    result = { ok: false, detail: error.message, at: now.toISOString() };
  }
  const tested = result;
  await auditedChange(
    db,
    (tx) =>
      tx.alertChannel.update({
        where: { id: channel.id },
        data: { lastTestAt: now, lastTestResult: `${tested.ok ? "ok" : "failed"}: ${tested.detail}`.slice(0, 500) },
      }),
    () => ({ actor, action: "channel.test", target: `channel:${channel.name}`, result: tested.ok ? "ok" : "failed", detail: { detail: tested.detail } }),
  );
  return result;
}
