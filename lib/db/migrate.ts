import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databaseFaultOf } from "./database-errors";

// Applies prisma/migrations the way `prisma migrate deploy` does, recording
// them in the same `_prisma_migrations` table, so the Prisma CLI and Lifeline
// agree on what is applied. Running it in-process keeps start-up fast and
// needs no schema-engine binary.

export interface SqlRunner {
  /** Runs one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  /**
   * One statement with parameters. `prepareAs` names a statement that runs hundreds
   * of times a second: PostgreSQL then plans it once per connection, not per call.
   */
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[], prepareAs?: string): Promise<T[]>;
  /** Runs fn on one connection holding the migration lock (on PostgreSQL an advisory lock). */
  withMigrationLock<T>(fn: (locked: SqlRunner) => Promise<T>): Promise<T>;
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// The folder is read at run time, never bundled: turbopackIgnore keeps the
// build from tracing the whole project because of the dynamic path.
export function readMigrationFiles(dir: string = MIGRATIONS_DIR): MigrationFile[] {
  if (!fs.existsSync(/*turbopackIgnore: true*/ dir)) throw new MigrationError(`No migrations folder at ${dir}`);
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(/*turbopackIgnore: true*/ path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

async function readApplied(sql: SqlRunner): Promise<AppliedRow[]> {
  await sql.exec(CREATE_TABLE);
  return sql.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
}

export async function getMigrationStatus(sql: SqlRunner, files = readMigrationFiles()): Promise<MigrationStatus> {
  const rows = await sql.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  ).catch((error: unknown) => {
    // No migrations table yet: nothing applied. A database that cannot be reached says nothing about that.
    if (databaseFaultOf(error) === "unreachable") throw error;
    return [];
  });
  const applied = new Set(rows.map((row) => row.migration_name));
  return {
    applied: files.filter((file) => applied.has(file.name)).map((file) => file.name),
    pending: files.filter((file) => !applied.has(file.name)).map((file) => file.name),
  };
}

/** Applies pending migrations in order; returns the names applied now. */
export async function applyMigrations(db: SqlRunner, files = readMigrationFiles()): Promise<string[]> {
  return db.withMigrationLock(async (sql) => {
    const rows = await readApplied(sql);
    const byName = new Map(rows.map((row) => [row.migration_name, row]));
    const known = new Set(files.map((file) => file.name));
    const unknown = rows.filter((row) => !known.has(row.migration_name)).map((row) => row.migration_name);
    if (unknown.length > 0) {
      throw new MigrationError(
        `The database has migrations this version of Lifeline does not know (${unknown.join(", ")}); ` +
          "it was used by a newer version.",
      );
    }
    const appliedNow: string[] = [];
    for (const file of files) {
      const row = byName.get(file.name);
      if (row?.finished_at) {
        if (row.checksum !== file.checksum) {
          throw new MigrationError(`Migration ${file.name} was changed after it was applied (checksum differs).`);
        }
        continue;
      }
      if (row && !row.finished_at) {
        throw new MigrationError(
          `Migration ${file.name} started earlier and did not finish; restore a backup or resolve it by hand.`,
        );
      }
      if (!/^[\w-]+$/.test(file.name)) throw new MigrationError(`Bad migration folder name: ${file.name}`);
      // The migration and its record commit together: a failure leaves no half-applied schema.
      const record = `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
        VALUES ('${crypto.randomUUID()}', '${file.checksum}', '${file.name}', now(), now(), 1)`;
      await sql.exec(`BEGIN;\n${file.sql}\n;\n${record};\nCOMMIT;`).catch(async (error: unknown) => {
        await sql.exec("ROLLBACK").catch(() => undefined);
        throw new MigrationError(`Migration ${file.name} failed: ${(error as Error).message}`);
      });
      appliedNow.push(file.name);
    }
    return appliedNow;
  });
}
