import type { BillingEvidenceRow } from "@/lib/appliances/appliance-view";
import type { Database } from "@/lib/db";
import { waitingForPollSql } from "@/lib/poller/claim-due-appliances";
import { WORKER_ALIVE_MS } from "@/lib/worker/run-worker";

/** One appliance as /metrics reads it: its labels and the evidence its view is computed from. */
export type ApplianceMetricsRow = BillingEvidenceRow & {
  name: string;
  tenant: string | null;
  region: string | null;
  kind: string;
  mode: string;
};

export interface StoredCounter {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** What a scrape reads from the database: the appliances as `mapRows` made them, and the rest. */
export interface FleetMetricsInput<A> {
  appliances: A[];
  counters: StoredCounter[];
  outbox: { pending: number; oldestPendingAt: Date | null };
  workers: { alive: number; lastBeatAt: Date | null };
  /**
   * When the most overdue appliance waiting for its poll to start fell due, or null when none waits.
   * One whose poll is under way (a live lease) is not waiting: a ZVM slow to answer holds its poll
   * until the poll timeout, and that shows as its poll error, not as the worker falling behind.
   */
  oldestDuePollAt: Date | null;
}

// The columns a scrape reads: the labels and every evidence column, checked
// against BillingEvidenceRow by the compiler so the select cannot miss one.
const LABEL_COLUMNS = ["name", "tenant", "region", "kind", "mode"] as const;
const EVIDENCE_COLUMNS = {
  role: "value",
  lastDataAt: "time",
  createdAt: "time",
  lastPollProblem: "value",
  version: "value",
  licenseType: "value",
  billingAlertActive: "value",
  billingAlertTurnedOn: "time",
  disconnectionAlertActive: "value",
  disconnectionAlertTurnedOn: "time",
  alertsObservedAt: "time",
  lastSuccessfulSendAt: "time",
  lastSuccessfulSendSource: "value",
  firstFailureAfterSuccessAt: "time",
  clockSkewSeconds: "value",
  version9SeenAt: "time",
  lastBillingAlertSeenAt: "time",
  newEndpointReachability: "value",
} satisfies Record<keyof BillingEvidenceRow, "time" | "value">;
const COLUMNS = [...LABEL_COLUMNS.map((name) => [name, "value"] as const), ...Object.entries(EVIDENCE_COLUMNS)];

// The fleet as JSON arrays of arrays, times as Unix milliseconds: the driver
// parses one value per query instead of 21 fields per appliance, and
// PostgreSQL does the encoding in its own processes, in FLEET_PARTS queries at
// once (by a hash of the id) so that its work and the parsing here overlap.
const FLEET_PARTS = 4;
const APPLIANCES_SQL = `SELECT coalesce(json_agg(json_build_array(${COLUMNS.map(([name, kind]) =>
  kind === "time" ? `round(date_part('epoch', "${name}") * 1000)` : `"${name}"`,
).join(", ")}) ORDER BY name), '[]')::text AS fleet FROM "Appliance" WHERE (hashtext(id::text) & ${FLEET_PARTS - 1}) = $1`;

function rowsOf(fleet: string): ApplianceMetricsRow[] {
  return (JSON.parse(fleet) as unknown[][]).map((values) => {
    const row: Record<string, unknown> = {};
    COLUMNS.forEach(([name, kind], index) => {
      const value = values[index];
      row[name] = kind === "time" && value !== null ? new Date(value as number) : value;
    });
    return row as ApplianceMetricsRow;
  });
}

const STATE_SQL = `SELECT
  (SELECT count(*)::int FROM "AlertMessage" WHERE status = 'pending') AS "outboxPending",
  (SELECT min("createdAt") FROM "AlertMessage" WHERE status = 'pending') AS "outboxOldest",
  (SELECT count(*)::int FROM "WorkerHeartbeat" WHERE "beatAt" >= $1) AS "workersAlive",
  (SELECT max("beatAt") FROM "WorkerHeartbeat") AS "lastBeatAt",
  (SELECT min("nextPollAt") FROM "Appliance" WHERE ${waitingForPollSql("$2")}) AS "oldestDuePollAt"`;

/**
 * Every appliance's labels and evidence, by name within each part (the text
 * format needs no order), each part handed to `mapRows` as soon as it arrives.
 */
export async function readApplianceRows<A>(db: Database, mapRows: (rows: ApplianceMetricsRow[]) => A[]): Promise<A[]> {
  const parts = Array.from({ length: FLEET_PARTS }, (_, part) =>
    db.sql.query<{ fleet: string }>(APPLIANCES_SQL, [part], "lifeline_metrics_appliances").then(([{ fleet }]) => mapRows(rowsOf(fleet))),
  );
  return (await Promise.all(parts)).flat();
}

type StateRow = {
  outboxPending: number;
  outboxOldest: Date | null;
  workersAlive: number;
  lastBeatAt: Date | null;
  oldestDuePollAt: Date | null;
};

/** Reads everything a scrape shows: the fleet in parts, counters, and the state of outbox, workers and schedule. */
export async function readFleetMetrics<A>(
  db: Database,
  now: Date,
  mapRows: (rows: ApplianceMetricsRow[]) => A[],
): Promise<FleetMetricsInput<A>> {
  const [appliances, counters, [state]] = await Promise.all([
    readApplianceRows(db, mapRows),
    db.sql.query<{ name: string; labels: Record<string, string>; value: number }>(
      `SELECT name, labels, value FROM "MetricCounter" ORDER BY name, "labelKey"`,
    ),
    db.sql.query<StateRow>(STATE_SQL, [new Date(now.getTime() - WORKER_ALIVE_MS), now]),
  ]);
  return {
    appliances,
    counters,
    outbox: { pending: state.outboxPending, oldestPendingAt: state.outboxOldest },
    workers: { alive: state.workersAlive, lastBeatAt: state.lastBeatAt },
    oldestDuePollAt: state.oldestDuePollAt,
  };
}
