import { setTimeout as sleep } from "node:timers/promises";
import { DeliveryError } from "@/lib/channels/delivery-error";
import { sendNotification } from "@/lib/channels/send-notification";
import { AllowList } from "@/lib/channels/target-policy";
import type { Database } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { getSettings } from "@/lib/settings/internal/get-settings";
import type { Notification } from "./notification";
import { retryDelayMs, withinGiveUp } from "./retry-schedule";

// Per channel, only the oldest pending message is claimed: a receiver that was down
// gets everything, in order. A claim is a lease, so a killed worker's message goes
// again (same idempotency key) when it expires; channels never wait on each other.

export interface DeliveryOptions {
  workerId: string;
  log: Logger;
  signal?: AbortSignal;
  now?: () => Date;
  /** Deliveries in flight at once (one per channel at most). */
  concurrency?: number;
  /** How often to look for new messages while deliveries are in flight. */
  pollMs?: number;
}

/** Leases up to `limit` messages that head their channel's queue and are due. */
export async function claimDueMessages(db: Database, workerId: string, limit: number, leaseMs: number, now: Date): Promise<bigint[]> {
  if (limit <= 0) return [];
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await db.prisma.$queryRaw<{ id: bigint }[]>`
    UPDATE "AlertMessage" SET "leaseOwner" = ${workerId}, "leaseUntil" = ${leaseUntil}
    WHERE id IN (
      SELECT h.id FROM "AlertMessage" h
      WHERE h.status = 'pending'
        AND h."nextAttemptAt" <= ${now}
        AND (h."leaseUntil" IS NULL OR h."leaseUntil" < ${now})
        AND NOT EXISTS (
          SELECT 1 FROM "AlertMessage" e WHERE e."channelId" = h."channelId" AND e.status = 'pending' AND e.id < h.id
        )
      ORDER BY h."nextAttemptAt", h.id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id`;
  return rows.map((row) => BigInt(row.id));
}

interface DeliveryPolicy {
  timeoutMs: number;
  giveUpHours: number;
  allow: AllowList;
  leaseMs: number;
}

async function deliverOne(db: Database, id: bigint, policy: DeliveryPolicy, options: DeliveryOptions): Promise<void> {
  const now = options.now ?? (() => new Date());
  const { workerId } = options;
  const message = await db.prisma.alertMessage.findUnique({ where: { id }, include: { channel: true } });
  if (!message || message.leaseOwner !== workerId) return;
  const mine = { id, leaseOwner: workerId };
  const startedAt = now();
  const started = performance.now();
  let progress = message.progress;
  const record = async (ok: boolean, detail: string) => {
    await db.prisma.alertDeliveryAttempt.create({
      data: { messageId: id, at: startedAt, ok, durationMs: Math.round(performance.now() - started), detail: detail.slice(0, 500), workerId },
    });
  };
  if (!message.channel.enabled) {
    await db.prisma.alertMessage.updateMany({ where: mine, data: { status: "failed", lastError: "channel disabled", leaseOwner: null, leaseUntil: null } });
    return;
  }
  try {
    const detail = await sendNotification(message.channel, message.payload as unknown as Notification, {
      idempotencyKey: message.idempotencyKey,
      timeoutMs: policy.timeoutMs,
      allow: policy.allow,
      signal: options.signal,
      now,
      progress: message.progress,
      onProgress: async (accepted) => {
        progress = accepted;
        await db.prisma.alertMessage.updateMany({ where: mine, data: { progress: accepted, leaseUntil: new Date(now().getTime() + policy.leaseMs) } });
      },
    });
    const done = await db.prisma.alertMessage.updateMany({
      where: mine,
      data: { status: "delivered", deliveredAt: now(), lastAttemptAt: startedAt, attempts: { increment: 1 }, lastError: null, progress, leaseOwner: null, leaseUntil: null },
    });
    if (done.count > 0) await record(true, detail);
  } catch (caught) {
    if (options.signal?.aborted) {
      // Stopping, not failing: hand the message back at once, without counting an attempt.
      await db.prisma.alertMessage.updateMany({ where: mine, data: { leaseOwner: null, leaseUntil: null, progress } });
      return;
    }
    const error = caught instanceof DeliveryError ? caught : null;
    if (!error) options.log.error({ err: caught, messageId: String(id) }, "alert delivery failed unexpectedly");
    const text = error?.message ?? "internal error; see the worker log";
    const attempts = message.attempts + 1;
    const retry = (error?.retryable ?? true) && withinGiveUp(message.createdAt, now(), policy.giveUpHours);
    const updated = await db.prisma.alertMessage.updateMany({
      where: mine,
      data: {
        attempts,
        lastAttemptAt: startedAt,
        lastError: text.slice(0, 500),
        progress: error?.progress ?? progress,
        leaseOwner: null,
        leaseUntil: null,
        ...(retry ? { nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts)) } : { status: "failed" as const }),
      },
    });
    if (updated.count > 0) await record(false, text);
    if (!retry) options.log.warn({ messageId: String(id), channel: message.channel.name, error: text }, "alert message given up");
  }
}

/**
 * Delivers due messages until none is left, claiming new ones while others are
 * in flight; returns how many deliveries were attempted.
 */
export async function deliverDueMessages(db: Database, options: DeliveryOptions): Promise<number> {
  const now = options.now ?? (() => new Date());
  const settings = (await getSettings(db)).alerting;
  const timeoutMs = settings.deliveryTimeoutSeconds * 1000;
  const policy: DeliveryPolicy = {
    timeoutMs,
    giveUpHours: settings.deliveryGiveUpHours,
    allow: new AllowList(settings.allowedTargets),
    // A PagerDuty message renews its lease after each event it delivers.
    leaseMs: 2 * timeoutMs + 30_000,
  };
  const concurrency = options.concurrency ?? 16;
  const inFlight = new Set<Promise<void>>();
  let attempted = 0;
  for (;;) {
    if (!options.signal?.aborted) {
      const ids = await claimDueMessages(db, options.workerId, concurrency - inFlight.size, policy.leaseMs, now());
      for (const id of ids) {
        attempted += 1;
        const delivery: Promise<void> = deliverOne(db, id, policy, options)
          .catch((error: unknown) => options.log.error({ err: error, messageId: String(id) }, "alert delivery bookkeeping failed"))
          .finally(() => inFlight.delete(delivery));
        inFlight.add(delivery);
      }
    }
    if (inFlight.size === 0) return attempted;
    await Promise.race([...inFlight, sleep(options.pollMs ?? 250, undefined, { ref: false })]);
  }
}
