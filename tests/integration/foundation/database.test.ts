import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { applyMigrations, getMigrationStatus, readMigrationFiles } from "@/lib/db/migrate";
import { DataDirLockedError } from "@/lib/runtime/data-dir-lock";
import { createTestDb, makeTempDir, testDbKinds, type TestDb } from "../helpers/test-db";

describe.each(testDbKinds())("database (%s)", (kind) => {
  let handle: TestDb | null = null;
  afterEach(async () => {
    await handle?.drop();
    handle = null;
  });

  it("applies every migration once and records it like prisma migrate deploy", async () => {
    handle = await createTestDb(kind);
    const status = await getMigrationStatus(handle.db.sql);
    expect(status.pending).toEqual([]);
    expect(status.applied).toEqual(readMigrationFiles().map((file) => file.name));
    expect(await applyMigrations(handle.db.sql)).toEqual([]);
    const rows = await handle.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
    expect(rows[0].n).toBe(readMigrationFiles().length);
  });

  it("stores and reads rows through Prisma", async () => {
    handle = await createTestDb(kind);
    const user = await handle.db.prisma.user.create({
      data: { email: "a@example.net", role: "viewer", passwordHash: "x" },
    });
    expect((await handle.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe("a@example.net");
  });

  it("refuses a migration that was edited after it was applied", async () => {
    handle = await createTestDb(kind);
    const files = readMigrationFiles().map((file, index) =>
      index === 0 ? { ...file, checksum: "0".repeat(64) } : file,
    );
    await expect(applyMigrations(handle.db.sql, files)).rejects.toThrow(/changed after it was applied/);
  });
});

describe("embedded data directory", () => {
  it("keeps data across reopen and refuses a second owner", async () => {
    const dir = makeTempDir();
    try {
      const first = await openDatabase({ kind: "embedded", dataDir: dir });
      await first.prisma.user.create({ data: { email: "keep@example.net", role: "admin", passwordHash: "x" } });
      await expect(openDatabase({ kind: "embedded", dataDir: dir })).rejects.toBeInstanceOf(Error);
      await first.close();
      expect(fs.existsSync(path.join(dir, "lifeline.lock"))).toBe(false);
      const second = await openDatabase({ kind: "embedded", dataDir: dir });
      expect(await second.prisma.user.count({ where: { email: "keep@example.net" } })).toBe(1);
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes over a lock left by a process that died", async () => {
    const dir = makeTempDir();
    try {
      fs.writeFileSync(path.join(dir, "lifeline.lock"), `999999 ${(await import("node:os")).hostname()}\n`);
      const db = await openDatabase({ kind: "embedded", dataDir: dir });
      await db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("names the owner when the directory is locked by a live process", async () => {
    const dir = makeTempDir();
    try {
      fs.writeFileSync(path.join(dir, "lifeline.lock"), `1 ${(await import("node:os")).hostname()}\n`);
      await expect(openDatabase({ kind: "embedded", dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
