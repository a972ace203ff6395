import type { Database } from "@/lib/db";
import { getLogger } from "@/lib/log";
import type { ZvmErrorReason } from "@/lib/zvm";

// Counters that /metrics serves for the whole deployment. The work they count
// happens in whichever process does it (polls in any worker, heartbeats in any
// web process), so each process adds its counts to MetricCounter in the
// database, in one statement every few seconds; every scrape of every web
// process then reads the same fleet-wide totals, which survive restarts.
// Up to FLUSH_MS of counts die with a process that is killed; a clean stop
// flushes them (flushMetricCounters).

const FLUSH_MS = 5_000;

/** Poll duration buckets, in seconds: ZVM REST calls take ~0.1–2 s, a timeout up to a minute. */
export const POLL_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60] as const;

/** Every reason a poll fails with (lib/zvm/errors.ts); the compiler says when one is added there. */
export const POLL_ERROR_REASONS = Object.keys({
  timeout: true,
  auth: true,
  forbidden: true,
  "not-found": true,
  tls: true,
  "tls-changed": true,
  network: true,
  http: true,
  "bad-response": true,
} satisfies Record<ZvmErrorReason, true>) as ZvmErrorReason[];

export const HEARTBEAT_RESULTS = ["accepted", "duplicate", "rejected"] as const;

type Labels = Record<string, string>;

/** The labels as the exposition format writes them, sorted by name: the counter's key. */
export function labelKeyOf(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((name) => `${name}="${escapeLabelValue(labels[name])}"`)
    .join(",");
}

export function escapeLabelValue(value: string): string {
  return /[\\"\n]/.test(value) ? value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"') : value;
}

interface Pending {
  name: string;
  labels: Labels;
  value: number;
}

class CounterBuffer {
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Database) {}

  add(name: string, labels: Labels, by: number): void {
    if (by === 0) return;
    const key = `${name}{${labelKeyOf(labels)}}`;
    const entry = this.pending.get(key);
    if (entry) entry.value += by;
    else this.pending.set(key, { name, labels, value: by });
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
      this.timer.unref?.();
    }
  }

  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.pending.values()];
    this.pending.clear();
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() => this.write(batch));
    return this.flushing;
  }

  private async write(batch: Pending[]): Promise<void> {
    const rows = batch.map((entry) => ({ name: entry.name, key: labelKeyOf(entry.labels), labels: entry.labels, value: entry.value }));
    try {
      await this.db.sql.query(
        `INSERT INTO "MetricCounter" (name, "labelKey", labels, value)
         SELECT name, key, labels, value FROM jsonb_to_recordset($1::jsonb) AS x(name text, key text, labels jsonb, value float8)
         ON CONFLICT (name, "labelKey") DO UPDATE SET value = "MetricCounter".value + EXCLUDED.value`,
        [JSON.stringify(rows)],
      );
    } catch (error) {
      // Counts are kept for the next flush: a database blip must not lose them.
      for (const entry of batch) this.add(entry.name, entry.labels, entry.value);
      getLogger().warn({ err: error, counters: batch.length }, "metric counters could not be stored; retrying");
    }
  }
}

const buffers = new WeakMap<Database, CounterBuffer>();

function bufferOf(db: Database): CounterBuffer {
  let buffer = buffers.get(db);
  if (!buffer) {
    buffer = new CounterBuffer(db);
    buffers.set(db, buffer);
  }
  return buffer;
}

/** Stores what this process counted so far (at a clean stop, and for tests). */
export function flushMetricCounters(db: Database): Promise<void> {
  return buffers.get(db)?.flush() ?? Promise.resolve();
}

/** A finished poll: its duration in the histogram, and its failure reason when it failed. */
export function countPoll(db: Database, poll: { durationMs: number; reason: ZvmErrorReason | null }): void {
  const buffer = bufferOf(db);
  const seconds = poll.durationMs / 1000;
  const bucket = POLL_DURATION_BUCKETS.find((bound) => seconds <= bound);
  buffer.add("lifeline_poll_duration_seconds_bucket", { le: bucket === undefined ? "+Inf" : String(bucket) }, 1);
  buffer.add("lifeline_poll_duration_seconds_sum", {}, seconds);
  buffer.add("lifeline_poll_duration_seconds_count", {}, 1);
  if (poll.reason) buffer.add("lifeline_poll_errors_total", { reason: poll.reason }, 1);
}

/** What one heartbeat request came to. */
export function countHeartbeats(db: Database, counts: { accepted: number; duplicates: number; rejected: number }): void {
  const buffer = bufferOf(db);
  buffer.add("lifeline_heartbeats_total", { result: "accepted" }, counts.accepted);
  buffer.add("lifeline_heartbeats_total", { result: "duplicate" }, counts.duplicates);
  buffer.add("lifeline_heartbeats_total", { result: "rejected" }, counts.rejected);
}
