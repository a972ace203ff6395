import { spawn } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/lib/db/client";
import { postgresAvailable } from "../../helpers/postgres";
import { waitFor } from "../../helpers/wait-for";
import { createPostgresDatabase } from "../helpers/test-db";

// A change and its audit row commit together or not at all. A child process
// makes a change while this test holds the audit table locked: the change is
// written inside its transaction and the audit row waits. The child is killed
// there (SIGKILL); afterwards neither the change nor an audit row exists.

const cases = [
  { change: "register-appliance", table: "Appliance", action: "appliance.add", left: (db: Database) => db.prisma.appliance.count({ where: { name: "killed-mid-change" } }) },
  { change: "update-settings", table: "Setting", action: "settings.update", left: (db: Database) => db.prisma.setting.count({ where: { key: "settings" } }) },
  { change: "create-api-token", table: "ApiToken", action: "token.create", left: (db: Database) => db.prisma.apiToken.count({ where: { name: "killed-mid-change" } }) },
];

describe.skipIf(!postgresAvailable("a process killed between a change and its audit row"))("a process killed between a change and its audit row", () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let db: Database;
  let locker: pg.Client;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    db = await openDatabase({ kind: "postgres", url: database.url, poolSize: 2 });
    locker = new pg.Client({ connectionString: database.url });
    await locker.connect();
  });

  afterAll(async () => {
    await locker?.end();
    await db?.close();
    await database?.drop();
  });

  it.each(cases)("$change: leaves neither the change nor its audit row", async ({ change, table, action, left }) => {
    const before = await left(db);
    await locker.query("BEGIN");
    // EXCLUSIVE lets others read the audit log but makes every insert into it wait.
    await locker.query('LOCK TABLE "AuditLog" IN EXCLUSIVE MODE');
    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/audit/change-child.ts", database.url, change], {
      env: { ...process.env, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    try {
      // The child's audit insert waits for our lock, in a transaction that already wrote the change.
      const waiting = await waitFor(
        `${change}: the audit insert to wait for the lock`,
        async () => {
          // Asked outside the locking transaction: inside one, pg_stat_activity is a snapshot that never moves.
          const rows = await db.sql.query<{ pid: number }>(
            `SELECT pid FROM pg_stat_activity
             WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO%"AuditLog"%'`,
          );
          return rows[0]?.pid;
        },
        { timeoutMs: 30_000 },
      );
      const held = await db.sql.query<{ mode: string }>(
        `SELECT l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE l.pid = $1 AND c.relname = $2`,
        [waiting, table],
      );
      expect(held.map((lock) => lock.mode)).toContain("RowExclusiveLock");

      child.kill("SIGKILL");
      expect(await exited).toBe("SIGKILL");
      await locker.query("COMMIT");
      // The server ends the dead client's session (and its transaction) once it looks at the socket again.
      await waitFor(`${change}: the killed child's session to end`, async () => {
        const rows = await db.sql.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [waiting]);
        return rows.length === 0;
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}; the child said: ${output || "nothing"}`);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await locker.query("ROLLBACK").catch(() => undefined);
    }
    expect(output).not.toContain("committed");
    expect(await left(db)).toBe(before);
    expect(await db.prisma.auditLog.count({ where: { action } })).toBe(0);
  }, 60_000);
});
