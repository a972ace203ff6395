import crypto from "node:crypto";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KeyMismatchError, verifyEncryptionKey, type Database } from "@/lib/db";
import { readMigrationFiles } from "@/lib/db/migrate";
import { checkReadiness } from "@/lib/runtime/readiness";
import { defaultJobs } from "@/lib/worker/default-jobs";
import { startWorker } from "@/lib/worker/run-worker";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";

const log = pino({ level: "silent" });

describe.each(testDbKinds())("readiness and key check (%s)", (kind) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb(kind);
  });
  afterAll(async () => {
    await handle?.drop();
  });

  it("is ready without a worker only when none is expected", async () => {
    const migrations = { applied: readMigrationFiles().length, pending: [] };
    expect(await checkReadiness(handle.db, false)).toEqual({
      ready: true,
      database: { reachable: true, kind },
      migrations,
      workers: { alive: 0, newestBeatAt: null, expected: false },
    });
    expect(await checkReadiness(handle.db, true)).toMatchObject({ ready: false, workers: { alive: 0, expected: true } });
  });

  it("is ready while a worker beats, and not once it has stopped", async () => {
    const worker = await startWorker({ db: handle.db, log, jobs: defaultJobs() });
    try {
      const readiness = await checkReadiness(handle.db, true);
      expect(readiness).toMatchObject({ ready: true, workers: { alive: 1, expected: true } });
      expect(Date.now() - Date.parse(readiness.workers.newestBeatAt as string)).toBeLessThan(30_000);
    } finally {
      await worker.stop();
    }
    expect(await checkReadiness(handle.db, true)).toMatchObject({ ready: false, workers: { alive: 0 } });
  });

  it("does not count a worker whose last beat is old", async () => {
    const old = new Date(Date.now() - 5 * 60_000);
    await handle.db.prisma.workerHeartbeat.create({
      data: { workerId: "gone:1:abc", hostname: "gone", pid: 1, startedAt: old, beatAt: old },
    });
    try {
      expect(await checkReadiness(handle.db, true)).toMatchObject({ ready: false, workers: { alive: 0 } });
    } finally {
      await handle.db.prisma.workerHeartbeat.delete({ where: { workerId: "gone:1:abc" } });
    }
  });

  it("reports an unreachable database as not ready, with a short reason", async () => {
    const broken: Database = {
      ...handle.db,
      sql: { ...handle.db.sql, query: () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432")) },
    };
    expect(await checkReadiness(broken, false)).toMatchObject({
      ready: false,
      database: { reachable: false, kind, error: "connect ECONNREFUSED 127.0.0.1:5432" },
    });
  });

  it("accepts the key it was set up with and refuses any other", async () => {
    const key = crypto.randomBytes(32);
    try {
      await verifyEncryptionKey(handle.db, key);
      await verifyEncryptionKey(handle.db, Buffer.from(key));
      await expect(verifyEncryptionKey(handle.db, crypto.randomBytes(32))).rejects.toBeInstanceOf(KeyMismatchError);
      const stored = await handle.db.prisma.setting.findUniqueOrThrow({ where: { key: "system.key-check" } });
      expect(JSON.stringify(stored.value)).not.toContain(key.toString("hex"));
    } finally {
      await handle.db.prisma.setting.deleteMany({ where: { key: "system.key-check" } });
    }
  });
});
