import { queueOpenAlertsForChannel } from "@/lib/alerts/queue-open-alerts";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";

/** "Send what is open now" for a channel just added or re-routed: queued in the outbox, audited; returns how many alerts. */
export async function sendOpenAlertsNow(db: Database, actor: Actor, channel: { id: string; name: string }): Promise<number> {
  const queued = await queueOpenAlertsForChannel(db, channel.id, new Date(), (tx, { alerts, messageId }) =>
    recordAudit(tx, { actor, action: "channel.send-open-alerts", target: `channel:${channel.name}`, result: "ok", detail: { alerts, messageId } }),
  );
  return queued.alerts;
}
