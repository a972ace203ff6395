import crypto from "node:crypto";
import type { Database } from "@/lib/db";
import type { AlertEvent, Prisma } from "@/lib/generated/prisma/client";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { actionOf, type AlertCondition, type AlertStep, type Severity } from "./conditions";
import { channelsFor, heldUntil, type RouteRule, type SilenceRule } from "./matching";
import { buildNotification, type EventDetail, type EventForNotification, type Notification } from "./notification";

// A group (one condition and step) waits groupWindowSeconds from its first event,
// then goes out as one message per channel. Resolutions and acknowledgements go to
// the channels that heard of the alert; of one alert's waiting events only the newest goes.

type Tx = Prisma.TransactionClient;

/** One dispatcher at a time, so a group never splits into two messages. */
export const DISPATCH_LOCK = 72707370;

type Outcome = "queued" | "unrouted" | "superseded" | "dropped";

interface DueEvent extends AlertEvent {
  alert: { dedupKey: string; applianceId: string };
}

export interface DispatchResult {
  events: number;
  messages: number;
  held: number;
}

const EMPTY: DispatchResult = { events: 0, messages: 0, held: 0 };

export async function dispatchDueEvents(db: Database, now = new Date()): Promise<DispatchResult> {
  const settings = await getSettings(db);
  const cutoff = new Date(now.getTime() - settings.alerting.groupWindowSeconds * 1000);
  return db.prisma.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${DISPATCH_LOCK}) AS locked`;
      if (!lock?.locked) return EMPTY;
      const groups = await tx.$queryRaw<{ condition: string; step: string }[]>`
        SELECT condition, step FROM "AlertEvent"
        WHERE "dispatchedAt" IS NULL AND ("heldUntil" IS NULL OR "heldUntil" <= ${now})
        GROUP BY condition, step
        HAVING min("createdAt") <= ${cutoff}`;
      if (groups.length === 0) return EMPTY;
      const events = (await tx.alertEvent.findMany({
        where: {
          dispatchedAt: null,
          AND: [{ OR: [{ heldUntil: null }, { heldUntil: { lte: now } }] }, { OR: groups.map(({ condition, step }) => ({ condition, step })) }],
        },
        include: { alert: { select: { dedupKey: true, applianceId: true } } },
        orderBy: { id: "asc" },
      })) as DueEvent[];
      return routeEvents(tx, events, settings.alerting.publicUrl, now);
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

async function routeEvents(tx: Tx, events: DueEvent[], publicUrl: string | null, now: Date): Promise<DispatchResult> {
  const alertIds = [...new Set(events.map((event) => event.alertId))];
  const [waiting, silences, channels, routes, earlier] = await Promise.all([
    tx.alertEvent.findMany({ where: { alertId: { in: alertIds }, dispatchedAt: null }, select: { id: true, alertId: true, step: true } }),
    tx.alertSilence.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now } } }),
    tx.alertChannel.findMany({ where: { enabled: true }, select: { id: true, type: true } }),
    tx.alertRoute.findMany({ where: { channel: { enabled: true } }, orderBy: { position: "asc" } }),
    tx.alertMessageAlert.findMany({ where: { alertId: { in: alertIds } }, select: { alertId: true, message: { select: { channelId: true } } } }),
  ]);
  const typeOf = new Map(channels.map((channel) => [channel.id, channel.type]));
  const rules: RouteRule[] = routes.map((route) => ({ ...route, minSeverity: route.minSeverity as Severity }));
  const silenceRules: SilenceRule[] = silences;

  // Newest waiting event per alert; acknowledgements never push a new step aside.
  const newest = new Map<string, bigint>();
  const newestStep = new Map<string, bigint>();
  for (const event of waiting) {
    if (event.id > (newest.get(event.alertId) ?? -1n)) newest.set(event.alertId, event.id);
    if (event.step !== "acknowledged" && event.id > (newestStep.get(event.alertId) ?? -1n)) newestStep.set(event.alertId, event.id);
  }
  const notified = new Map<string, Set<string>>();
  for (const row of earlier) {
    if (!notified.has(row.alertId)) notified.set(row.alertId, new Set());
    notified.get(row.alertId)!.add(row.message.channelId);
  }

  const outcomes = new Map<Outcome, bigint[]>();
  const settle = (outcome: Outcome, id: bigint) => outcomes.set(outcome, [...(outcomes.get(outcome) ?? []), id]);
  const buckets = new Map<string, { channelId: string; events: DueEvent[] }>();
  const holds = new Map<number, bigint[]>();

  for (const event of events) {
    const detail = event.detail as unknown as EventDetail;
    const step = event.step as AlertStep;
    const action = actionOf(step);
    const supersededBy = action === "acknowledge" ? newest.get(event.alertId) : newestStep.get(event.alertId);
    if (supersededBy !== undefined && supersededBy > event.id) {
      settle("superseded", event.id);
      continue;
    }
    const target = { applianceId: event.alert.applianceId, tags: detail.appliance.tags, condition: event.condition };
    const until = heldUntil(silenceRules, target, now);
    if (until) {
      holds.set(until.getTime(), [...(holds.get(until.getTime()) ?? []), event.id]);
      continue;
    }
    const heard = [...(notified.get(event.alertId) ?? [])].filter((id) => typeOf.has(id));
    const targets =
      action === "trigger"
        ? channelsFor({ condition: event.condition as AlertCondition, severity: event.severity as Severity, tags: detail.appliance.tags }, rules)
        : action === "resolve"
          ? heard
          : heard.filter((id) => typeOf.get(id) === "pagerduty");
    if (targets.length === 0) {
      settle(action === "trigger" ? "unrouted" : "dropped", event.id);
      continue;
    }
    for (const channelId of targets) {
      const key = `${event.condition}|${event.step}|${channelId}`;
      if (!buckets.has(key)) buckets.set(key, { channelId, events: [] });
      buckets.get(key)!.events.push(event);
      if (!notified.has(event.alertId)) notified.set(event.alertId, new Set());
      notified.get(event.alertId)!.add(channelId);
    }
    settle("queued", event.id);
  }

  for (const { channelId, events: routed } of buckets.values()) {
    const notification = buildNotification(routed.map(forNotification), publicUrl, now);
    await queueMessage(tx, channelId, notification, routed.map((event) => ({ alertId: event.alertId, eventId: event.id })), now);
  }
  for (const [outcome, ids] of outcomes) {
    await tx.alertEvent.updateMany({ where: { id: { in: ids } }, data: { dispatchedAt: now, outcome } });
  }
  let held = 0;
  for (const [until, ids] of holds) {
    held += ids.length;
    await tx.alertEvent.updateMany({ where: { id: { in: ids } }, data: { heldUntil: new Date(until) } });
  }
  return { events: events.length - held, messages: buckets.size, held };
}

function forNotification(event: DueEvent): EventForNotification {
  return {
    id: event.id,
    alertId: event.alertId,
    dedupKey: event.alert.dedupKey,
    condition: event.condition as AlertCondition,
    step: event.step as AlertStep,
    severity: event.severity as Severity,
    summary: event.summary,
    createdAt: event.createdAt,
    detail: event.detail as unknown as EventDetail,
  };
}

/** Lets held events be looked at again now (a silence ended early or changed). */
export async function releaseHeldEvents(db: Database, now = new Date()): Promise<number> {
  const { count } = await db.prisma.alertEvent.updateMany({ where: { dispatchedAt: null, heldUntil: { gt: now } }, data: { heldUntil: now } });
  return count;
}

/**
 * Puts one message for a channel in the outbox, due now, with the alert events
 * it carries (so later steps of those alerts reach the same channel).
 */
export function queueMessage(
  tx: Prisma.TransactionClient,
  channelId: string,
  notification: Notification,
  events: readonly { alertId: string; eventId: bigint }[],
  now: Date,
) {
  return tx.alertMessage.create({
    data: {
      channelId,
      idempotencyKey: crypto.randomUUID(),
      condition: notification.condition,
      step: notification.step,
      severity: notification.severity,
      payload: notification as unknown as Prisma.InputJsonValue,
      nextAttemptAt: now,
      createdAt: now,
      alerts: { create: events.map(({ alertId, eventId }) => ({ alertId, eventId })) },
    },
    select: { id: true },
  });
}
