import crypto from "node:crypto";
import os from "node:os";
import { verifyReturnedDatabase, type Database } from "@/lib/db";
import { databaseFaultOf } from "@/lib/db/database-errors";
import type { Logger } from "@/lib/log";
import { releaseWorkerLeases } from "@/lib/poller/claim-due-appliances";
import type { JobContext, WorkerJob } from "./worker-jobs";

export const WORKER_BEAT_MS = 5_000;
/** A worker whose last beat is older than this is considered gone. */
export const WORKER_ALIVE_MS = 30_000;
/** Waiting for the database: the first retry after this, doubling up to the cap. */
export const DATABASE_RETRY = { initialMs: 1_000, maxMs: 15_000 };
/** How long a resume waits for runs that the outage interrupted to end. */
const SETTLE_MS = 10_000;

export type WorkerState = "running" | "waiting-for-database" | "stopped";

export interface WorkerStatus {
  workerId: string;
  state: WorkerState;
  /** Since when the worker has been in this state. */
  since: Date;
  /** Why the database was last found unreachable. */
  reason?: string;
}

export interface RunningWorker {
  workerId: string;
  status(): WorkerStatus;
  /** Settles with the fault the worker cannot survive (it has stopped then); never while it works or waits. */
  readonly failed: Promise<Error>;
  stop(): Promise<void>;
}

export interface WorkerOptions {
  db: Database;
  log: Logger;
  jobs: WorkerJob[];
  /** Keep the process alive while the worker runs: a standalone worker has nothing else to hold it open. */
  holdProcess?: boolean;
  retry?: { initialMs: number; maxMs: number };
  /** After an outage: is the database that answers the one this worker works on? Throwing is a fault it cannot survive. */
  verifyDatabase?: (db: Database) => Promise<void>;
}

async function beat(db: Database, workerId: string, startedAt: Date): Promise<void> {
  const now = new Date();
  await db.prisma.workerHeartbeat.upsert({
    where: { workerId },
    create: { workerId, hostname: os.hostname(), pid: process.pid, startedAt, beatAt: now, ticks: 1 },
    update: { beatAt: now, ticks: { increment: 1 } },
  });
}

interface Lane {
  name: string;
  everyMs: number;
  task: () => Promise<void>;
  timer: NodeJS.Timeout | null;
  run: Promise<void> | null;
}

const seconds = (since: Date) => Math.round((Date.now() - since.getTime()) / 100) / 10;

/**
 * The background worker: a heartbeat of its own plus the jobs given, each on
 * its own timer so a slow job never delays the heartbeat or the others.
 *
 * When the database becomes unreachable (a restart, a failover, a network cut)
 * the worker says so once, pauses its jobs and probes with backoff, however
 * long it takes; once the database answers and is still the same one, it gives
 * back the appliances it had claimed and resumes at once.
 */
export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const { db, jobs } = options;
  const retry = options.retry ?? DATABASE_RETRY;
  const verifyDatabase = options.verifyDatabase ?? verifyReturnedDatabase;
  const workerId = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;
  const log = options.log.child({ workerId });
  const startedAt = new Date();
  const controller = new AbortController();
  const lanes: Lane[] = [];
  let status: WorkerStatus = { workerId, state: "running", since: startedAt };
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (fail = resolve));
  const hold = options.holdProcess ? setInterval(() => undefined, 60 * 60_000) : null;

  const stopped = () => controller.signal.aborted;

  const arm = (lane: Lane, delayMs: number) => {
    if (stopped() || lane.timer || lane.run) return;
    lane.timer = setTimeout(() => tick(lane), delayMs);
    lane.timer.unref?.();
  };

  const tick = (lane: Lane) => {
    lane.timer = null;
    if (stopped() || status.state !== "running") return;
    lane.run = lane
      .task()
      .catch((error: unknown) => onJobError(lane.name, error))
      .finally(() => {
        lane.run = null;
        if (status.state === "running") arm(lane, lane.everyMs);
      });
  };

  const onJobError = async (job: string, error: unknown) => {
    if (stopped()) return;
    const fault = databaseFaultOf(error);
    // An error that names no fault may still come from a lost connection: a probe tells.
    if (fault === "unreachable" || (fault === null && !(await db.watch.check()))) {
      enterOutage(db.watch.current.reason ?? String((error as Error)?.message ?? error));
      return;
    }
    log.error({ err: error, job }, "worker job failed");
  };

  const enterOutage = (reason: string) => {
    if (status.state !== "running") return;
    status = { workerId, state: "waiting-for-database", since: new Date(), reason };
    log.warn({ reason }, "database unreachable: jobs paused until it answers again; retrying with backoff");
    void waitForDatabase();
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        controller.signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      controller.signal.addEventListener("abort", done, { once: true });
    });

  const waitForDatabase = async () => {
    let delay = retry.initialMs;
    let reportedAt = Date.now();
    for (;;) {
      await sleep(delay);
      if (stopped()) return;
      if (await db.watch.check(0)) {
        if (await resume()) return;
      } else if (Date.now() - reportedAt >= 60_000) {
        reportedAt = Date.now();
        log.warn({ outageSeconds: seconds(status.since), reason: db.watch.current.reason }, "database still unreachable; still retrying");
      }
      delay = Math.min(delay * 2, retry.maxMs);
    }
  };

  /** Back to work once the database answers: true when resumed, false to keep waiting. */
  const resume = async (): Promise<boolean> => {
    const interrupted = lanes.flatMap((lane) => (lane.run ? [lane.run] : []));
    await Promise.race([Promise.allSettled(interrupted), sleep(SETTLE_MS)]);
    try {
      await verifyDatabase(db);
      // What this worker claimed before the outage is nobody's work now: poll it at once, not when the lease runs out.
      await releaseWorkerLeases(db, workerId);
      await beat(db, workerId, startedAt);
    } catch (error) {
      if (databaseFaultOf(error) === "unreachable" || !(await db.watch.check(0))) return false;
      log.fatal({ err: error }, "the database answered again but this worker cannot work on it; stopping");
      fail(error as Error);
      await shutdown();
      return true;
    }
    if (stopped()) return true;
    log.info({ outageSeconds: seconds(status.since) }, "database reachable again: jobs resumed");
    status = { workerId, state: "running", since: new Date() };
    for (const lane of lanes) arm(lane, 0);
    return true;
  };

  const shutdown = async () => {
    if (stopped()) return;
    controller.abort();
    status = { workerId, state: "stopped", since: new Date() };
    if (hold) clearInterval(hold);
    for (const lane of lanes) if (lane.timer) clearTimeout(lane.timer);
    await Promise.allSettled(lanes.flatMap((lane) => (lane.run ? [lane.run] : [])));
  };

  const context: JobContext = { db, log, workerId, signal: controller.signal, now: () => new Date() };
  lanes.push({ name: "heartbeat", everyMs: WORKER_BEAT_MS, task: () => beat(db, workerId, startedAt), timer: null, run: null });
  for (const job of jobs) {
    const jobContext = { ...context, log: log.child({ job: job.name }) };
    lanes.push({ name: job.name, everyMs: job.everyMs, task: () => job.run(jobContext), timer: null, run: null });
  }
  log.info({ jobs: jobs.map((job) => job.name) }, "worker started");
  try {
    await beat(db, workerId, startedAt);
    for (const lane of lanes) arm(lane, lane.name === "heartbeat" ? WORKER_BEAT_MS : 0);
  } catch (error) {
    // Gone between opening and the first beat: wait for it like any outage.
    if (databaseFaultOf(error) !== "unreachable") {
      await shutdown();
      throw error;
    }
    enterOutage(db.watch.current.reason ?? (error as Error).message);
  }

  return {
    workerId,
    status: () => status,
    failed,
    async stop() {
      await shutdown();
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
