import type { Database } from "@/lib/db";
import type { Logger } from "@/lib/log";

export interface JobContext {
  db: Database;
  log: Logger;
  workerId: string;
  signal: AbortSignal;
  now(): Date;
}

/** A unit of background work the worker runs every `everyMs`, one run at a time. */
export interface WorkerJob {
  name: string;
  everyMs: number;
  run(context: JobContext): Promise<void>;
}
