import type { Env } from "@/lib/env";
import { getEnv } from "@/lib/env";
import { getRuntimeSecrets, keyCheck } from "@/lib/runtime/secrets";
import { openDatabase, type Database } from "./client";
import { getMigrationStatus } from "./migrate";

export type { Database };

export class KeyMismatchError extends Error {
  constructor() {
    super(
      "The encryption key (LIFELINE_SECRET_KEY or secret.key in the data directory) is not the one this database " +
        "was set up with; stored credentials could not be read. Restore the original key.",
    );
    this.name = "KeyMismatchError";
  }
}

/** Records the key's check value on first use and refuses a different key later. */
export async function verifyEncryptionKey(db: Database, key: Buffer): Promise<void> {
  const check = keyCheck(key);
  await db.prisma.setting.upsert({
    where: { key: "system.key-check" },
    create: { key: "system.key-check", value: check },
    update: {},
  });
  const stored = await db.prisma.setting.findUniqueOrThrow({ where: { key: "system.key-check" } });
  if (stored.value !== check) throw new KeyMismatchError();
}

export class SchemaBehindError extends Error {
  constructor(pending: readonly string[]) {
    super(`The database answers without Lifeline's schema (${pending.length} migration(s) not applied, e.g. ${pending[0]}); restart to migrate it.`);
    this.name = "SchemaBehindError";
  }
}

/**
 * After an outage: the database that answers again is still the one this
 * process set out to use (schema applied, same encryption key), not a fresh or
 * restored-elsewhere one that the process would write into blindly.
 */
export async function verifyReturnedDatabase(db: Database): Promise<void> {
  const { pending } = await getMigrationStatus(db.sql);
  if (pending.length > 0) throw new SchemaBehindError(pending);
  await verifyEncryptionKey(db, getRuntimeSecrets(getEnv()).encryptionKey);
}

export async function openConfiguredDatabase(env: Env): Promise<Database> {
  const db = env.embedded
    ? await openDatabase({ kind: "embedded", dataDir: env.dataDir })
    : await openDatabase({ kind: "postgres", url: env.DATABASE_URL as string });
  try {
    await verifyEncryptionKey(db, getRuntimeSecrets(env).encryptionKey);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

// One database handle per process, shared by the Next.js bundles, the worker
// and dev hot reloads (module copies all see the same globalThis).
const cacheKey = Symbol.for("lifeline.db");
type DbCache = { [cacheKey]?: Promise<Database> };

export function getDb(): Promise<Database> {
  const cache = globalThis as DbCache;
  if (!cache[cacheKey]) {
    const opening = openConfiguredDatabase(getEnv());
    cache[cacheKey] = opening;
    opening.catch(() => {
      if (cache[cacheKey] === opening) delete cache[cacheKey];
    });
  }
  return cache[cacheKey];
}

/** Lets tests and the CLI install a database they opened themselves. */
export function setDb(db: Database | null): void {
  const cache = globalThis as DbCache;
  if (db) cache[cacheKey] = Promise.resolve(db);
  else delete cache[cacheKey];
}
