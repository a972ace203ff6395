import crypto from "node:crypto";
import os from "node:os";
import type { Database } from "@/lib/db";
import type { Logger } from "@/lib/log";
import type { JobContext, WorkerJob } from "./worker-jobs";

export const WORKER_BEAT_MS = 5_000;
/** A worker whose last beat is older than this is considered gone. */
export const WORKER_ALIVE_MS = 30_000;

export interface RunningWorker {
  workerId: string;
  stop(): Promise<void>;
}

async function beat(db: Database, workerId: string, startedAt: Date): Promise<void> {
  const now = new Date();
  await db.prisma.workerHeartbeat.upsert({
    where: { workerId },
    create: { workerId, hostname: os.hostname(), pid: process.pid, startedAt, beatAt: now, ticks: 1 },
    update: { beatAt: now, ticks: { increment: 1 } },
  });
}

/**
 * The background worker: a heartbeat of its own plus the jobs given, each on
 * its own timer so a slow job never delays the heartbeat or the others.
 */
export async function startWorker(options: { db: Database; log: Logger; jobs: WorkerJob[] }): Promise<RunningWorker> {
  const { db, jobs } = options;
  const workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const log = options.log.child({ workerId });
  const startedAt = new Date();
  const controller = new AbortController();
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();

  const schedule = (name: string, everyMs: number, task: () => Promise<void>) => {
    const tick = () => {
      if (controller.signal.aborted) return;
      const run = task()
        .catch((error: unknown) => {
          if (!controller.signal.aborted) log.error({ err: error, job: name }, "worker job failed");
        })
        .finally(() => {
          running.delete(run);
          if (controller.signal.aborted) return;
          const timer = setTimeout(tick, everyMs);
          timers.add(timer);
          timer.unref?.();
        });
      running.add(run);
    };
    tick();
  };

  await beat(db, workerId, startedAt);
  schedule("heartbeat", WORKER_BEAT_MS, () => beat(db, workerId, startedAt));
  const context: JobContext = { db, log, workerId, signal: controller.signal, now: () => new Date() };
  for (const job of jobs) {
    schedule(job.name, job.everyMs, () => job.run({ ...context, log: log.child({ job: job.name }) }));
  }
  log.info({ jobs: jobs.map((job) => job.name) }, "worker started");

  return {
    workerId,
    async stop() {
      controller.abort();
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled([...running]);
      await db.prisma.workerHeartbeat.delete({ where: { workerId } }).catch(() => undefined);
      log.info("worker stopped");
    },
  };
}

/** Workers that beat recently; /readyz reports them. */
export async function liveWorkers(db: Database, now = new Date()) {
  return db.prisma.workerHeartbeat.findMany({
    where: { beatAt: { gte: new Date(now.getTime() - WORKER_ALIVE_MS) } },
    orderBy: { beatAt: "desc" },
  });
}
