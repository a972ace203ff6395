import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { acquireDataDirLock, type DataDirLock } from "@/lib/runtime/data-dir-lock";
import { DatabaseWatch } from "./database-watch";
import { applyMigrations, type SqlRunner } from "./migrate";

export type { PrismaClient };

export type DatabaseOptions =
  | { kind: "embedded"; /** null: in memory (tests) */ dataDir: string | null }
  | { kind: "postgres"; url: string; poolSize?: number };

export interface Database {
  kind: "embedded" | "postgres";
  prisma: PrismaClient;
  sql: SqlRunner;
  /** Whether the database can be reached now (see database-watch.ts). */
  watch: DatabaseWatch;
  close(): Promise<void>;
}

// PostgreSQL's default (128 MB) is all resident from the start in PGlite's
// WebAssembly memory, which never shrinks. Lifeline's hot data (the appliance
// table and recent poll history) stays well below this; reads beyond it come
// from the operating system's file cache.
const EMBEDDED_SHARED_BUFFERS = "32MB";

// Prisma's advisory lock key for migrations, so Lifeline and the Prisma CLI
// never migrate the same database at once.
const MIGRATION_LOCK_KEY = 72707369;

async function openEmbedded(dataDir: string | null): Promise<Database> {
  const lock: DataDirLock | null = dataDir ? acquireDataDirLock(dataDir) : null;
  try {
    const options = { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`] };
    const pglite = dataDir ? new PGlite(path.join(dataDir, "pglite"), options) : new PGlite(options);
    await pglite.waitReady;
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    const sql: SqlRunner = {
      exec: async (text) => {
        await pglite.exec(text);
      },
      query: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
        (await pglite.query<T>(text, params)).rows,
      withMigrationLock: (fn) => fn(sql),
    };
    return {
      kind: "embedded",
      prisma,
      sql,
      watch: new DatabaseWatch(() => pglite.query("SELECT 1")),
      close: async () => {
        await prisma.$disconnect();
        await pglite.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

/**
 * A pool that reports lost connections to the database watch, and gives back a
 * client whose connection ended while it was checked out. Prisma 6.19 ends an
 * interactive transaction with ROLLBACK on the same connection and releases the
 * client only if that succeeds: after a database restart each transaction under
 * way would hold its client for good, and the pool would run dry.
 */
function watchedPool(url: string, poolSize: number, watch: () => DatabaseWatch): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  const checkedOut = new WeakSet<pg.PoolClient>();
  pool.on("error", (error) => watch().noteFailure(error)); // an idle client's connection was lost
  pool.on("acquire", (client) => checkedOut.add(client));
  pool.on("release", (_error, client) => checkedOut.delete(client as pg.PoolClient));
  pool.on("connect", (client) => {
    client.on("end", () => {
      const held = client as pg.PoolClient;
      if (!checkedOut.has(held)) return;
      checkedOut.delete(held);
      const release = held.release;
      held.release = () => undefined; // whoever holds it may still call release: once is enough
      release(new Error("the connection ended while the client was in use"));
    });
  });
  const connect = pool.connect.bind(pool);
  // pool.query connects through this too.
  pool.connect = ((callback?: (error: Error | undefined, client?: pg.PoolClient, done?: () => void) => void) => {
    if (!callback) {
      return connect().catch((error: unknown) => {
        watch().noteFailure(error);
        throw error;
      });
    }
    connect((error, client, done) => {
      if (error) watch().noteFailure(error);
      callback(error, client, done);
    });
  }) as typeof pool.connect;
  return pool;
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  let watch: DatabaseWatch | null = null;
  const pool = watchedPool(url, poolSize, () => watch as DatabaseWatch);
  watch = new DatabaseWatch(() => pool.query("SELECT 1"));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const sql: SqlRunner = {
    exec: async (text) => {
      await pool.query(text);
    },
    query: async <T extends Record<string, unknown>>(text: string, params: unknown[] = [], prepareAs?: string) =>
      (await pool.query(prepareAs ? { name: prepareAs, text, values: params } : { text, values: params })).rows as T[],
    withMigrationLock: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        // Run the migration on the locked connection: BEGIN/COMMIT must share it.
        const locked: SqlRunner = {
          exec: async (text) => {
            await client.query(text);
          },
          query: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
            (await client.query(text, params)).rows as T[],
          withMigrationLock: (inner) => inner(locked),
        };
        return await fn(locked);
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
        client.release();
      }
    },
  };
  return {
    kind: "postgres",
    prisma,
    sql,
    watch,
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

/** Opens a database and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const db =
    options.kind === "embedded"
      ? await openEmbedded(options.dataDir)
      : await openPostgres(options.url, options.poolSize ?? 10);
  try {
    await applyMigrations(db.sql);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return db;
}
