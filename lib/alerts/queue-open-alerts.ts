import { tagsOf } from "@/lib/appliances/appliance-view";
import type { Database } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getSettings } from "@/lib/settings/internal/get-settings";
import type { AlertCondition, AlertStep, Severity } from "./conditions";
import { DISPATCH_LOCK, queueMessage } from "./dispatch-events";
import { heldUntil, routeMatches, type RouteRule } from "./matching";
import { linkOf, openAlertsNotification, type EventDetail, type NotificationItem } from "./notification";

// A channel added (or given new routes) hears of the alerts already open that its
// routes match, once: one outbox message, delivered, retried and logged like any
// other (PagerDuty sends it as one trigger per alert). Left out: alerts the channel
// already heard of, alerts with a step still waiting for the dispatcher (it routes
// those to the channel itself), acknowledged ones (someone is on them) and
// silenced ones (a silence holds notifications).

export interface OpenAlertsQueued {
  alerts: number;
  messageId: string | null;
}

/**
 * Queues, once, the open alerts a channel's routes match. `onQueued` runs in
 * the same transaction when something was queued (the caller's audit row).
 */
export async function queueOpenAlertsForChannel(
  db: Database,
  channelId: string,
  now = new Date(),
  onQueued?: (tx: Prisma.TransactionClient, queued: OpenAlertsQueued) => Promise<void>,
): Promise<OpenAlertsQueued> {
  const publicUrl = (await getSettings(db)).alerting.publicUrl;
  return db.prisma.$transaction(
    async (tx) => {
      // Waits for a dispatch in progress, so no alert goes to the channel both ways.
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(${DISPATCH_LOCK})::text`;
      const channel = await tx.alertChannel.findUnique({ where: { id: channelId }, include: { routes: { orderBy: { position: "asc" } } } });
      if (!channel || !channel.enabled || channel.routes.length === 0) return { alerts: 0, messageId: null };
      const [alerts, silences] = await Promise.all([
        tx.alert.findMany({
          where: {
            status: "open",
            messages: { none: { message: { channelId } } },
            events: { none: { dispatchedAt: null } },
          },
          include: {
            appliance: { select: { id: true, name: true, kind: true, tenant: true, region: true, vcenter: true, tags: true } },
            events: { orderBy: { id: "desc" }, take: 1 },
          },
          orderBy: { openedAt: "asc" },
        }),
        tx.alertSilence.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now } } }),
      ]);
      const rules: RouteRule[] = channel.routes.map((route) => ({ ...route, minSeverity: route.minSeverity as Severity }));
      const chosen = alerts.filter((alert) => {
        const tags = tagsOf(alert.appliance);
        const event = { condition: alert.condition as AlertCondition, severity: alert.severity as Severity, tags };
        return (
          alert.events.length > 0 &&
          rules.some((rule) => routeMatches(rule, event)) &&
          heldUntil(silences, { applianceId: alert.applianceId, tags, condition: alert.condition }, now) === null
        );
      });
      if (chosen.length === 0) return { alerts: 0, messageId: null };
      const items = chosen.map<NotificationItem>((alert) => {
        const latest = alert.events[0];
        const detail = latest.detail as unknown as EventDetail;
        return {
          condition: alert.condition as AlertCondition,
          alertId: alert.id,
          dedupKey: alert.dedupKey,
          eventId: String(latest.id),
          step: alert.step as AlertStep,
          action: "trigger",
          severity: alert.severity as Severity,
          summary: alert.summary,
          at: alert.openedAt.toISOString(),
          appliance: { id: alert.appliance.id, name: alert.appliance.name, kind: alert.appliance.kind, tags: tagsOf(alert.appliance) },
          billingStatus: detail.billingStatus,
          daysUntilDisconnect: detail.daysUntilDisconnect,
          disconnectAt: detail.disconnectAt,
          failingSince: detail.failingSince,
          link: linkOf(publicUrl, alert.appliance.id),
        };
      });
      const message = await queueMessage(
        tx,
        channelId,
        openAlertsNotification(items, now),
        chosen.map((alert) => ({ alertId: alert.id, eventId: alert.events[0].id })),
        now,
      );
      const queued = { alerts: chosen.length, messageId: String(message.id) };
      await onQueued?.(tx, queued);
      return queued;
    },
    { maxWait: 30_000, timeout: 60_000 },
  );
}
