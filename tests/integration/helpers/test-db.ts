import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "@/lib/db/client";
import { createScratchDatabase, type ScratchDatabase } from "@/scripts/lib/scratch-database";
import { postgresRequired } from "../../helpers/postgres";

export type TestDbKind = "embedded" | "postgres";

/**
 * The databases integration tests run against: always embedded; PostgreSQL
 * when TEST_DATABASE_URL is set. Under LIFELINE_REQUIRE_POSTGRES=1 (CI) a
 * missing TEST_DATABASE_URL fails the test file instead of leaving PostgreSQL out.
 */
export function testDbKinds(): TestDbKind[] {
  if (process.env.TEST_DATABASE_URL) return ["embedded", "postgres"];
  if (postgresRequired()) throw new Error("LIFELINE_REQUIRE_POSTGRES=1 is set but TEST_DATABASE_URL is not: these tests must also run on PostgreSQL.");
  return ["embedded"];
}

export interface TestDb {
  db: Database;
  /** Connection URL (postgres) or data directory (embedded). */
  location: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  return url;
}

/** A fresh PostgreSQL database on the TEST_DATABASE_URL server, dropped by drop(). */
export function createPostgresDatabase(): Promise<ScratchDatabase> {
  return createScratchDatabase(adminUrl(), "lifeline_test");
}

export function makeTempDir(prefix = "lifeline-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function createTestDb(kind: TestDbKind, options: { poolSize?: number } = {}): Promise<TestDb> {
  if (kind === "embedded") {
    const dir = makeTempDir();
    const db = await openDatabase({ kind: "embedded", dataDir: dir });
    return {
      db,
      location: dir,
      drop: async () => {
        await db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const created = await createPostgresDatabase();
  const db = await openDatabase({ kind: "postgres", url: created.url, poolSize: options.poolSize });
  return {
    db,
    location: created.url,
    drop: async () => {
      await db.close();
      await created.drop();
    },
  };
}
