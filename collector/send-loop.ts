import type { Logger } from "pino";
import type { AlertPatternState } from "./alert-pattern-state";
import type { CollectorStats } from "./collector-stats";
import type { LifelineAnswer, LifelineClient } from "./lifeline-client";
import type { Outbox, OutboxBatch } from "./outbox";
import type { WorkTracker } from "./work-tracker";

export interface Sender {
  /** Resolves when the loop has ended after stop(). */
  done: Promise<void>;
  /** Something was queued: send it now rather than at the next check. */
  wake(): void;
  /** Resolves once the queue is empty and no tracked work is running. */
  whenIdle(): Promise<void>;
  /** Ends the loop, cutting short a backoff wait. */
  stop(): void;
}

interface SenderParts {
  outbox: Outbox;
  client: LifelineClient;
  patterns: AlertPatternState;
  stats: CollectorStats;
  log: Logger;
  tracker: WorkTracker;
  backoff: { initialMs: number; maxMs: number };
  settle: (batch: OutboxBatch, answer: LifelineAnswer) => Promise<"done" | "retry">;
}

/** Sends the queue to Lifeline oldest first, one batch at a time, backing off (with jitter, or as Retry-After says) while it cannot. */
export function startSendLoop({ outbox, client, patterns, stats, log, tracker, backoff, settle }: SenderParts): Sender {
  let stopped = false;
  let wake: (() => void) | null = null;
  let interruptBackoff: (() => void) | null = null;
  const idleWaiters: (() => void)[] = [];

  async function waitForWork(): Promise<void> {
    if (tracker.size === 0) idleWaiters.splice(0).forEach((resolve) => resolve());
    await new Promise<void>((resolve) => {
      wake = resolve;
      // Commands finishing can leave the queue empty with no one to wake us.
      setTimeout(resolve, 1_000).unref();
    });
    wake = null;
  }

  async function sendOne(batch: OutboxBatch): Promise<{ outcome: "done" | "retry"; retryAfterMs: number | null }> {
    try {
      const answer =
        batch.kind === "heartbeats" ? await client.postHeartbeats(batch.heartbeats, patterns.header()) : await client.postResult(batch.id, batch.body);
      const retryAfterMs = answer.retryAfterSeconds === null ? null : answer.retryAfterSeconds * 1000;
      return { outcome: await settle(batch, answer), retryAfterMs };
    } catch (error) {
      log.warn({ err: (error as Error).message, queued: outbox.size }, "Lifeline unreachable; will retry");
      return { outcome: "retry", retryAfterMs: null };
    }
  }

  async function pause(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      interruptBackoff = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    interruptBackoff = null;
  }

  async function loop(): Promise<void> {
    let delay = backoff.initialMs;
    while (!stopped) {
      const batch = await outbox.peek();
      stats.queued = outbox.size;
      if (!batch) {
        await waitForWork();
        continue;
      }
      const { outcome, retryAfterMs } = await sendOne(batch);
      if (outcome === "done") {
        delay = backoff.initialMs;
        continue;
      }
      const wait = Math.min(backoff.maxMs, retryAfterMs ?? delay) * (0.8 + Math.random() * 0.4);
      delay = Math.min(backoff.maxMs, delay * 2);
      await pause(wait);
    }
  }

  const sender: Sender = {
    done: loop(),
    wake: () => wake?.(),
    whenIdle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        sender.wake();
      }),
    stop() {
      stopped = true;
      sender.wake();
      interruptBackoff?.();
    },
  };
  return sender;
}
