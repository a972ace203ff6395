import fs from "node:fs/promises";
import path from "node:path";
import { MAX_BODY_BYTES, type HeartbeatInput } from "@/lib/heartbeats/heartbeat-schema";

// What the collector still has to tell Lifeline, on disk, so neither a Lifeline
// outage nor a collector restart loses a heartbeat. One file per entry, written
// to a temporary name, flushed and renamed: a file either is whole or is not there.

export const MAX_HEARTBEATS_PER_FILE = 500;
/** What one request may carry: Lifeline's body limit less room for the envelope. */
const MAX_BATCH_BYTES = MAX_BODY_BYTES - 16 * 1024;

export interface ResultBody {
  result: "passed" | "failed" | "error";
  detail: string;
  at: string;
  /** With error: the ZVM refused sendUsage (403) or has none (404). */
  reason?: "forbidden" | "not-found";
}

type Entry =
  | { file: string; kind: "heartbeats"; count: number; bytes: number }
  | { file: string; kind: "result"; count: 0; bytes: number };

export type OutboxBatch =
  | { kind: "heartbeats"; files: string[]; heartbeats: HeartbeatInput[] }
  | { kind: "result"; files: [string]; id: string; body: ResultBody };

const FILE_PATTERN = /^(\d{12})-(h|r)\.json$/;

export class Outbox {
  private entries: Entry[] = [];
  private sequence = 0;
  private heartbeatCount = 0;
  /** Every change runs alone: the sender and the poll rounds share the queue. */
  private chain: Promise<unknown> = Promise.resolve();
  /** Heartbeats dropped because the queue was full. */
  dropped = 0;

  private constructor(
    private readonly directory: string,
    private readonly maxHeartbeats: number,
    private readonly onDrop: (count: number) => void,
  ) {}

  static async open(directory: string, options: { maxHeartbeats: number; onDrop?: (count: number) => void }): Promise<Outbox> {
    await fs.mkdir(directory, { recursive: true, mode: 0o700 });
    const outbox = new Outbox(directory, options.maxHeartbeats, options.onDrop ?? (() => undefined));
    const names = (await fs.readdir(directory)).sort();
    for (const name of names) {
      if (name.startsWith(".tmp-")) {
        await fs.rm(path.join(directory, name), { force: true });
        continue;
      }
      const match = FILE_PATTERN.exec(name);
      if (!match) continue;
      outbox.sequence = Math.max(outbox.sequence, Number(match[1]));
      if (match[2] === "r") {
        outbox.entries.push({ file: name, kind: "result", count: 0, bytes: 0 });
        continue;
      }
      const heartbeats = await outbox.readJson<{ heartbeats: unknown[] }>(name);
      const count = Array.isArray(heartbeats?.heartbeats) ? heartbeats.heartbeats.length : 0;
      const bytes = (await fs.stat(path.join(directory, name)).catch(() => null))?.size ?? 0;
      outbox.entries.push({ file: name, kind: "heartbeats", count, bytes });
      outbox.heartbeatCount += count;
    }
    return outbox;
  }

  get size(): { heartbeats: number; results: number } {
    return { heartbeats: this.heartbeatCount, results: this.entries.filter((entry) => entry.kind === "result").length };
  }

  addHeartbeats(heartbeats: readonly HeartbeatInput[]): Promise<void> {
    return this.exclusive(() => this.addHeartbeatsNow(heartbeats));
  }

  private async addHeartbeatsNow(heartbeats: readonly HeartbeatInput[]): Promise<void> {
    for (const chunk of chunksOf(heartbeats)) {
      const { file, bytes } = await this.writeEntry("h", { heartbeats: chunk });
      this.entries.push({ file, kind: "heartbeats", count: chunk.length, bytes });
      this.heartbeatCount += chunk.length;
    }
    await this.enforceLimit();
  }

  addResult(id: string, body: ResultBody): Promise<void> {
    return this.exclusive(() => this.addResultNow(id, body));
  }

  private async addResultNow(id: string, body: ResultBody): Promise<void> {
    const { file, bytes } = await this.writeEntry("r", { id, body });
    this.entries.push({ file, kind: "result", count: 0, bytes });
  }

  /** The oldest entry: a result alone, or consecutive heartbeat files up to 500 heartbeats and Lifeline's body limit. */
  peek(): Promise<OutboxBatch | null> {
    return this.exclusive(() => this.peekNow());
  }

  private async peekNow(): Promise<OutboxBatch | null> {
    while (this.entries.length > 0) {
      const first = this.entries[0];
      if (first.kind === "result") {
        const stored = await this.readJson<{ id: string; body: ResultBody }>(first.file);
        if (stored && typeof stored.id === "string" && stored.body) return { kind: "result", files: [first.file], id: stored.id, body: stored.body };
        await this.removeNow([first.file]);
        continue;
      }
      const files: string[] = [];
      const heartbeats: HeartbeatInput[] = [];
      let bytes = 0;
      for (const entry of this.entries) {
        if (entry.kind !== "heartbeats") break;
        if (files.length > 0 && heartbeats.length + entry.count > MAX_HEARTBEATS_PER_FILE) break;
        if (files.length > 0 && bytes + entry.bytes > MAX_BATCH_BYTES) break;
        bytes += entry.bytes;
        const stored = await this.readJson<{ heartbeats: HeartbeatInput[] }>(entry.file);
        files.push(entry.file);
        if (Array.isArray(stored?.heartbeats)) heartbeats.push(...stored.heartbeats);
      }
      if (heartbeats.length > 0) return { kind: "heartbeats", files, heartbeats };
      await this.removeNow(files);
    }
    return null;
  }

  remove(files: readonly string[]): Promise<void> {
    return this.exclusive(() => this.removeNow(files));
  }

  private async removeNow(files: readonly string[]): Promise<void> {
    const gone = new Set(files);
    for (const entry of this.entries) if (gone.has(entry.file)) this.heartbeatCount -= entry.count;
    this.entries = this.entries.filter((entry) => !gone.has(entry.file));
    await Promise.all(files.map((file) => fs.rm(path.join(this.directory, file), { force: true })));
  }

  /** Puts back part of a batch (the items Lifeline did not refuse) in place of its files. */
  replace(files: readonly string[], heartbeats: readonly HeartbeatInput[]): Promise<void> {
    return this.exclusive(() => this.replaceNow(files, heartbeats));
  }

  private async replaceNow(files: readonly string[], heartbeats: readonly HeartbeatInput[]): Promise<void> {
    if (heartbeats.length === 0) return this.removeNow(files);
    const [first, ...rest] = files;
    const index = this.entries.findIndex((entry) => entry.file === first);
    // Dropped meanwhile to keep within the limit: the rest goes with it.
    if (index < 0) return this.removeNow(rest);
    const { bytes } = await this.writeEntry("h", { heartbeats }, first);
    this.heartbeatCount += heartbeats.length - this.entries[index].count;
    this.entries[index] = { file: first, kind: "heartbeats", count: heartbeats.length, bytes };
    await this.removeNow(rest);
  }

  /** Drops the oldest heartbeat files beyond the limit: the newest evidence matters most. */
  private async enforceLimit(): Promise<void> {
    let over = this.heartbeatCount - this.maxHeartbeats;
    if (over <= 0) return;
    const victims: string[] = [];
    let dropped = 0;
    for (const entry of this.entries) {
      if (over <= 0) break;
      if (entry.kind !== "heartbeats") continue;
      victims.push(entry.file);
      over -= entry.count;
      dropped += entry.count;
    }
    await this.removeNow(victims);
    this.dropped += dropped;
    this.onDrop(dropped);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work, work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async writeEntry(kind: "h" | "r", content: unknown, name?: string): Promise<{ file: string; bytes: number }> {
    const file = name ?? `${String(++this.sequence).padStart(12, "0")}-${kind}.json`;
    const temporary = path.join(this.directory, `.tmp-${file}`);
    const text = JSON.stringify(content);
    const handle = await fs.open(temporary, "w", 0o600);
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, path.join(this.directory, file));
    await this.syncDirectory();
    return { file, bytes: Buffer.byteLength(text) };
  }

  private async syncDirectory(): Promise<void> {
    const handle = await fs.open(this.directory, "r").catch(() => null);
    if (!handle) return;
    try {
      await handle.sync();
    } catch {
      // Some file systems cannot sync a directory; the rename is still atomic.
    } finally {
      await handle.close();
    }
  }

  private async readJson<T>(file: string): Promise<T | null> {
    try {
      return JSON.parse(await fs.readFile(path.join(this.directory, file), "utf8")) as T;
    } catch {
      return null;
    }
  }
}

/** Files of at most 500 heartbeats each, each small enough to travel in one request. */
function chunksOf(heartbeats: readonly HeartbeatInput[]): HeartbeatInput[][] {
  const chunks: HeartbeatInput[][] = [];
  let chunk: HeartbeatInput[] = [];
  let bytes = 0;
  for (const heartbeat of heartbeats) {
    const size = Buffer.byteLength(JSON.stringify(heartbeat)) + 1;
    if (chunk.length > 0 && (chunk.length >= MAX_HEARTBEATS_PER_FILE || bytes + size > MAX_BATCH_BYTES)) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(heartbeat);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
