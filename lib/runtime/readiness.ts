import type { Database } from "@/lib/db";
import { getMigrationStatus } from "@/lib/db/migrate";
import { liveWorkers } from "@/lib/worker/run-worker";

export interface Readiness {
  ready: boolean;
  database: { reachable: boolean; kind: Database["kind"]; error?: string };
  migrations: { applied: number; pending: string[] };
  workers: { alive: number; newestBeatAt: string | null; expected: boolean };
}

/** Database reachable, migrations applied, and a worker beating when one is expected. */
export async function checkReadiness(db: Database, workerExpected: boolean): Promise<Readiness> {
  try {
    await db.sql.query("SELECT 1");
    const migrations = await getMigrationStatus(db.sql);
    const workers = await liveWorkers(db);
    const alive = workers.length;
    return {
      ready: migrations.pending.length === 0 && (!workerExpected || alive > 0),
      database: { reachable: true, kind: db.kind },
      migrations: { applied: migrations.applied.length, pending: migrations.pending },
      workers: { alive, newestBeatAt: workers[0]?.beatAt.toISOString() ?? null, expected: workerExpected },
    };
  } catch (error) {
    return {
      ready: false,
      database: { reachable: false, kind: db.kind, error: (error as Error).message.slice(0, 200) },
      migrations: { applied: 0, pending: [] },
      workers: { alive: 0, newestBeatAt: null, expected: workerExpected },
    };
  }
}
