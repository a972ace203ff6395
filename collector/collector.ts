import type { Logger } from "pino";
import { loadAlertPatternState } from "./alert-pattern-state";
import { settleBatch } from "./batch-settlement";
import { createCommandRunner } from "./command-runner";
import type { CollectorConfig } from "./collector-config";
import { emptyCollectorStats, type CollectorStats } from "./collector-stats";
import { LifelineClient } from "./lifeline-client";
import { Outbox } from "./outbox";
import { createReadRound } from "./read-round";
import { scheduleRounds, type RoundSchedule } from "./round-schedule";
import { startSendLoop, type Sender } from "./send-loop";
import { WorkTracker } from "./work-tracker";
import { createZvmReader } from "./zvm-reader";

export type { CollectorStats } from "./collector-stats";

export interface Collector {
  /** Reads every ZVM once (and probes the billing endpoints when due) and queues the heartbeats. */
  runRound(): Promise<void>;
  /** Resolves once the queue is empty and no command is running. */
  whenIdle(): Promise<void>;
  stats(): CollectorStats;
  stop(): Promise<void>;
}

export interface CollectorOptions {
  config: CollectorConfig;
  log: Logger;
  /** false: no timer; rounds run only through runRound() (tests). */
  schedule?: boolean;
  backoff?: { initialMs: number; maxMs: number };
}

/**
 * The collector: reads its ZVMs every interval into an on-disk queue, sends the
 * queue to Lifeline, and runs the test transmissions Lifeline hands back.
 */
export async function startCollector(options: CollectorOptions): Promise<Collector> {
  const { config, log } = options;
  const stats = emptyCollectorStats();
  const outbox = await Outbox.open(config.queue.directory, {
    maxHeartbeats: config.queue.maxHeartbeats,
    onDrop: (count) => {
      stats.dropped += count;
      log.warn({ dropped: count }, "heartbeat queue full: dropped the oldest heartbeats");
    },
  });
  const client = new LifelineClient(config.lifeline.url, config.lifeline.token);
  const patterns = await loadAlertPatternState(config, log);
  const reader = createZvmReader(config, patterns, stats, log);
  const tracker = new WorkTracker();
  let stopped = false;
  let sender: Sender | null = null;
  const wakeSender = () => sender?.wake();
  const round = createReadRound({ config, reader, outbox, stats, log, wakeSender, isStopped: () => stopped });
  const takeCommands = createCommandRunner({ reader, round, outbox, stats, log, tracker, wakeSender });

  await patterns.fetchIfNeeded(client);
  sender = startSendLoop({
    outbox,
    client,
    patterns,
    stats,
    log,
    tracker,
    backoff: options.backoff ?? { initialMs: 1_000, maxMs: 60_000 },
    settle: (batch, answer) => settleBatch(batch, answer, { outbox, stats, log, patterns, takeCommands }),
  });
  const rounds: RoundSchedule | null = options.schedule === false ? null : scheduleRounds(round.run, config.intervalSeconds * 1000, log);
  log.info({ zvms: config.zvms.length, lifeline: config.lifeline.url, queued: outbox.size }, "collector started");

  const running = sender;
  return {
    runRound: round.run,
    whenIdle: () => running.whenIdle(),
    stats: () => ({ ...stats, queued: outbox.size }),
    async stop() {
      if (stopped) return;
      stopped = true;
      running.stop();
      await Promise.allSettled([running.done, rounds?.stop(), tracker.settled()]);
      await reader.close();
      log.info({ queued: outbox.size }, "collector stopped");
    },
  };
}
