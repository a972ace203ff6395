import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Outbox } from "@/collector/outbox";
import type { HeartbeatInput } from "@/lib/heartbeats/heartbeat-schema";
import { makeTempDir } from "../helpers/test-db";

const id = "3f1c2a8e-5b7d-4c1e-9a0f-6d2b8e4c7a15";
const heartbeats = (from: number, count: number): HeartbeatInput[] =>
  Array.from({ length: count }, (_, i) => ({ applianceId: id, observedAt: new Date(Date.UTC(2026, 10, 22, 12, 0, from + i)).toISOString() }));
/** Each heartbeat's second after 12:00, its number in these tests. */
const seconds = (batch: { heartbeats: HeartbeatInput[] }) =>
  batch.heartbeats.map((h) => (Date.parse(h.observedAt) - Date.UTC(2026, 10, 22, 12)) / 1000);

describe("the collector's on-disk queue", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = makeTempDir("lifeline-outbox-");
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("keeps entries in order across a restart, and hands out at most 500 heartbeats at a time", async () => {
    const dir = tempDir();
    const first = await Outbox.open(dir, { maxHeartbeats: 10_000 });
    await first.addHeartbeats(heartbeats(0, 300));
    await first.addHeartbeats(heartbeats(300, 300));
    await first.addResult("8d0c5f0e-7a51-4d1f-9f3a-1c2b3d4e5f60", { result: "passed", detail: "sent", at: "2026-11-22T12:30:00Z" });
    await first.addHeartbeats(heartbeats(600, 5));

    const reopened = await Outbox.open(dir, { maxHeartbeats: 10_000 });
    expect(reopened.size).toEqual({ heartbeats: 605, results: 1 });
    const batch = await reopened.peek();
    expect(batch?.kind).toBe("heartbeats");
    if (batch?.kind !== "heartbeats") return;
    expect(seconds(batch)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    await reopened.remove(batch.files);
    const second = await reopened.peek();
    if (second?.kind !== "heartbeats") throw new Error("expected heartbeats");
    expect(second.heartbeats).toHaveLength(300);
    await reopened.remove(second.files);
    expect(await reopened.peek()).toMatchObject({ kind: "result", body: { result: "passed" } });
  });

  it("puts back what Lifeline did not refuse, and drops the oldest heartbeats when full", async () => {
    const dir = tempDir();
    const dropped: number[] = [];
    const outbox = await Outbox.open(dir, { maxHeartbeats: 100, onDrop: (count) => dropped.push(count) });
    await outbox.addHeartbeats(heartbeats(0, 10));
    const batch = await outbox.peek();
    if (batch?.kind !== "heartbeats") throw new Error("expected heartbeats");
    await outbox.replace(batch.files, batch.heartbeats.filter((_, index) => index % 2 === 0));
    const kept = await outbox.peek();
    if (kept?.kind !== "heartbeats") throw new Error("expected heartbeats");
    expect(seconds(kept)).toEqual([0, 2, 4, 6, 8]);

    for (let i = 0; i < 5; i += 1) await outbox.addHeartbeats(heartbeats(100 + i * 30, 30));
    expect(outbox.size.heartbeats).toBeLessThanOrEqual(100);
    // 5 kept + 4 × 30 is over 100: the 5 and the first 30 go; the fifth 30 pushes out the second.
    expect(dropped).toEqual([35, 30]);
    const oldest = await outbox.peek();
    if (oldest?.kind !== "heartbeats") throw new Error("expected heartbeats");
    expect(seconds(oldest)[0]).toBeGreaterThanOrEqual(160);
    expect(fs.readdirSync(dir).filter((name) => name.startsWith(".tmp-"))).toEqual([]);
    expect(fs.statSync(path.join(dir, fs.readdirSync(dir)[0])).mode & 0o077).toBe(0);
  });
});
