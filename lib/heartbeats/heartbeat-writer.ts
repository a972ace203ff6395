import { storedViewChange } from "@/lib/appliances/stored-view-change";
import type { BillingSettings } from "@/lib/billing";
import type { Database } from "@/lib/db";
import type { Appliance } from "@/lib/generated/prisma/client";
import { getLogger } from "@/lib/log";
import type { Heartbeat } from "./heartbeat-schema";
import { mergeHeartbeats } from "./merge-heartbeats";
import { uuidArrayLiteral } from "./uuid-array-literal";

// Heartbeats arrive thousands a second, often one per request. Requests that
// arrive while a write is under way wait for the next one, and each write stores
// everything waiting with one statement (group commit). A request is answered
// only after the statement that holds its heartbeats has committed.

export type ItemOutcome = "accepted" | "duplicate" | "not-reporting";

interface Submission {
  heartbeats: Heartbeat[];
  collectorTokenId: string;
  resolve: (outcomes: ItemOutcome[]) => void;
  reject: (error: unknown) => void;
}

/** A larger statement only adds latency for the requests in it. */
const MAX_ITEMS_PER_WRITE = 2_000;
/** Statements in flight at once: enough to overlap round trips and commits on two cores. */
const WRITE_LANES = 2;

// Each part of the evidence is replaced only by a newer observation of it. A
// patch field that is NULL was not reported (see PatchDoc) and leaves the column alone.
const NEWER_DATA = `d.at > COALESCE(a."lastDataAt", '-infinity'::timestamptz)`;
const NEWER_ALERTS = `d."alertsAt" > COALESCE(a."alertsObservedAt", '-infinity'::timestamptz)`;
const NEWER_REACHABILITY = `d."reachAt" > COALESCE(a."reachabilityCheckedAt", '-infinity'::timestamptz)`;
const when = (condition: string, present: string, value: string, column: string) =>
  `"${column}" = CASE WHEN ${condition} AND ${present} IS NOT NULL THEN ${value} ELSE a."${column}" END`;

// Compared as text so the planner never reaches the rows through the (mode,
// nextPollAt) index: with statistics that undercount reporting appliances it
// preferred that index and read every reporting row instead of a few by id.
const REPORTING = `a.mode::text = 'reporting'`;

// The evidence the stored view columns (status, failingSince, disconnectAt,
// readiness) are computed from, beside the time of the data. Most heartbeats
// change none of it; only rows where it changed, or whose status waited for
// data (stale, unknown), come back to have their view recomputed. Statuses that
// move with the clock alone are the refresh-views job's (lib/poller/maintenance-jobs.ts).
const VIEW_INPUTS = [
  "role",
  "version",
  "licenseType",
  "billingAlertActive",
  "billingAlertTurnedOn",
  "disconnectionAlertActive",
  "disconnectionAlertTurnedOn",
  "lastSuccessfulSendAt",
  "lastSuccessfulSendSource",
  "firstFailureAfterSuccessAt",
  "version9SeenAt",
  "lastBillingAlertSeenAt",
  "newEndpointReachability",
] as const;
/** What comes back for a row whose view is recomputed: the view's inputs, the times they weigh against, the stored view. */
const EVIDENCE_COLUMNS = [
  ...VIEW_INPUTS,
  "lastDataAt",
  "alertsObservedAt",
  "clockSkewSeconds",
  "billingStatus",
  "migrationReadiness",
  "failingSince",
  "disconnectAt",
  "updatedAt",
] as const;

// When the alerts were last read moves with every heartbeat, but it weighs only
// while an alert stands or a failed test waits (lib/billing/assess-failure.ts).
const VIEW_INPUTS_CHANGED = `(
  o."billingStatus" IN ('stale', 'unknown')
  OR (${VIEW_INPUTS.map((column) => `o."${column}"`).join(", ")}) IS DISTINCT FROM (${VIEW_INPUTS.map((column) => `a."${column}"`).join(", ")})
  OR (o."alertsObservedAt" IS DISTINCT FROM a."alertsObservedAt" AND (
    COALESCE(a."billingAlertActive", false) OR COALESCE(a."disconnectionAlertActive", false) OR a."firstFailureAfterSuccessAt" IS NOT NULL)))`;

const STATEMENT = `
WITH items AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(n int, id uuid, at timestamptz, alert boolean, c uuid)
), d AS (
  SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(
    id uuid, at timestamptz, version text, "licenseType" text, "siteName" text, "clockSkewSeconds" double precision,
    "atLeast9" boolean, "alertsAt" timestamptz, "billingActive" boolean, "billingTurnedOn" timestamptz,
    "disconnectionActive" boolean, "disconnectionTurnedOn" timestamptz, "billingSeenAt" timestamptz,
    "reachAt" timestamptz, reachability text, "sendPassedAt" timestamptz, "sendFailedAt" timestamptz[])
), targets AS (
  SELECT a.id FROM "Appliance" a WHERE a.id = ANY($3::uuid[]) AND ${REPORTING}
), inserted AS (
  INSERT INTO "Heartbeat" ("applianceId", "observedAt", "collectorTokenId", "billingAlertActive")
  SELECT i.id, i.at, i.c, i.alert FROM items i WHERE i.id IN (SELECT id FROM targets)
  ON CONFLICT DO NOTHING
  RETURNING "applianceId", "observedAt"
), updated AS (
  UPDATE "Appliance" a SET
    "lastDataAt" = CASE WHEN ${NEWER_DATA} THEN d.at ELSE a."lastDataAt" END,
    "lastPolledAt" = CASE WHEN ${NEWER_DATA} THEN d.at ELSE a."lastPolledAt" END,
    "lastPollError" = CASE WHEN ${NEWER_DATA} THEN NULL ELSE a."lastPollError" END,
    "lastPollProblem" = CASE WHEN ${NEWER_DATA} THEN NULL ELSE a."lastPollProblem" END,
    "consecutiveFailures" = CASE WHEN ${NEWER_DATA} THEN 0 ELSE a."consecutiveFailures" END,
    ${when(NEWER_DATA, "d.version", "d.version", "version")},
    ${when(NEWER_DATA, `d."licenseType"`, `d."licenseType"`, "licenseType")},
    ${when(NEWER_DATA, `d."siteName"`, `d."siteName"`, "siteName")},
    ${when(NEWER_DATA, `d."clockSkewSeconds"`, `d."clockSkewSeconds"`, "clockSkewSeconds")},
    ${when(NEWER_DATA, `d."atLeast9"`, `CASE WHEN d."atLeast9" THEN COALESCE(a."version9SeenAt", d.at) END`, "version9SeenAt")},
    ${when(NEWER_ALERTS, `d."billingActive"`, `d."billingActive"`, "billingAlertActive")},
    ${when(NEWER_ALERTS, `d."billingActive"`, `d."billingTurnedOn"`, "billingAlertTurnedOn")},
    ${when(NEWER_ALERTS, `d."disconnectionActive"`, `d."disconnectionActive"`, "disconnectionAlertActive")},
    ${when(NEWER_ALERTS, `d."disconnectionActive"`, `d."disconnectionTurnedOn"`, "disconnectionAlertTurnedOn")},
    "alertsObservedAt" = CASE WHEN ${NEWER_ALERTS} THEN d."alertsAt" ELSE a."alertsObservedAt" END,
    "lastBillingAlertSeenAt" = GREATEST(a."lastBillingAlertSeenAt", d."billingSeenAt"),
    "newEndpointReachability" = CASE WHEN ${NEWER_REACHABILITY} THEN d.reachability ELSE a."newEndpointReachability" END,
    "reachabilityCheckedAt" = CASE WHEN ${NEWER_REACHABILITY} THEN d."reachAt" ELSE a."reachabilityCheckedAt" END,
    "lastSuccessfulSendSource" = CASE
      WHEN d."sendPassedAt" IS NOT NULL AND (a."lastSuccessfulSendAt" IS NULL OR a."lastSuccessfulSendAt" <= d."sendPassedAt") THEN 'collector'
      ELSE a."lastSuccessfulSendSource" END,
    "lastSuccessfulSendAt" = GREATEST(a."lastSuccessfulSendAt", d."sendPassedAt"),
    "firstFailureAfterSuccessAt" = CASE
      WHEN d."sendPassedAt" IS NULL AND d."sendFailedAt" IS NULL THEN a."firstFailureAfterSuccessAt"
      ELSE (SELECT min(x) FROM unnest(array_append(COALESCE(d."sendFailedAt", '{}'), a."firstFailureAfterSuccessAt")) AS x
            WHERE x > COALESCE(GREATEST(a."lastSuccessfulSendAt", d."sendPassedAt"), '-infinity'::timestamptz)) END,
    "updatedAt" = now()
  FROM d, "Appliance" o
  WHERE a.id = d.id AND o.id = a.id AND a.id = ANY($3::uuid[]) AND ${REPORTING}
  RETURNING a.id, ${EVIDENCE_COLUMNS.map((column) => `a."${column}"`).join(", ")}, ${VIEW_INPUTS_CHANGED} AS "viewInputsChanged"
)
SELECT json_build_object(
  -- Which heartbeats were there already is looked for only when some were: usually none.
  'stored', CASE
    WHEN (SELECT count(*) FROM inserted) = (SELECT count(*) FROM (SELECT DISTINCT i.id, i.at FROM items i WHERE i.id IN (SELECT id FROM targets)) t)
    THEN '[]'::json
    ELSE COALESCE((SELECT json_agg(i.n) FROM items i WHERE i.id IN (SELECT id FROM targets)
      AND (i.id, i.at) NOT IN (SELECT x."applianceId", x."observedAt" FROM inserted x)), '[]'::json) END,
  'notReporting', COALESCE((SELECT json_agg(DISTINCT i.id) FROM items i WHERE i.id NOT IN (SELECT id FROM targets)), '[]'::json),
  'updated', COALESCE((SELECT json_agg(json_build_array(${["id", ...EVIDENCE_COLUMNS].map((column) => `"${column}"`).join(", ")})) FROM updated WHERE "viewInputsChanged"), '[]'::json)
)::text AS result`;

// Written only if no other write touched the row since ours (updatedAt unchanged).
const VIEW_STATEMENT = `
UPDATE "Appliance" a SET
  "billingStatus" = v.status, "failingSince" = v."failingSince", "disconnectAt" = v."disconnectAt",
  "migrationReadiness" = v.readiness, "viewComputedAt" = v.at
FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, status text, "failingSince" timestamptz, "disconnectAt" timestamptz, readiness text, at timestamptz, stamp timestamptz)
WHERE a.id = v.id AND a."updatedAt" = v.stamp`;

const TIME_COLUMNS = new Set<string>([
  "lastDataAt",
  "billingAlertTurnedOn",
  "disconnectionAlertTurnedOn",
  "alertsObservedAt",
  "lastSuccessfulSendAt",
  "firstFailureAfterSuccessAt",
  "version9SeenAt",
  "lastBillingAlertSeenAt",
  "failingSince",
  "disconnectAt",
  "updatedAt",
]);

/** Only the exceptions come back: a healthy batch answers with three empty lists. */
interface WriteResult {
  /** Positions (items' n) of heartbeats whose row was there before: sent earlier. */
  stored: number[];
  /** Appliances that are not (or no longer) reporting. */
  notReporting: string[];
  /** Each row as an array, in the order of ["id", ...EVIDENCE_COLUMNS]: half the bytes of objects. */
  updated: unknown[][];
}

const keyOf = (applianceId: string, at: number) => `${applianceId.toLowerCase()}@${at}`;

/**
 * Appliances are split over a few lanes, each writing one statement at a time:
 * lanes overlap their round trips and commits, and never touch the same rows,
 * so they cannot deadlock each other.
 */
export class HeartbeatWriter {
  private readonly lanes: WriteLane[];

  constructor(db: Database, billingSettings: () => Promise<BillingSettings>, lanes = WRITE_LANES) {
    this.lanes = Array.from({ length: lanes }, () => new WriteLane(db, billingSettings));
  }

  /** Resolves with one outcome per heartbeat once they are stored. */
  async write(heartbeats: Heartbeat[], collectorTokenId: string): Promise<ItemOutcome[]> {
    const parts = new Map<number, { positions: number[]; heartbeats: Heartbeat[] }>();
    heartbeats.forEach((heartbeat, position) => {
      const lane = Number.parseInt(heartbeat.applianceId.slice(0, 8), 16) % this.lanes.length;
      const part = parts.get(lane) ?? { positions: [], heartbeats: [] };
      part.positions.push(position);
      part.heartbeats.push(heartbeat);
      parts.set(lane, part);
    });
    const outcomes: ItemOutcome[] = new Array(heartbeats.length);
    await Promise.all(
      [...parts].map(async ([lane, part]) => {
        const laneOutcomes = await this.lanes[lane].write(part.heartbeats, collectorTokenId);
        part.positions.forEach((position, index) => (outcomes[position] = laneOutcomes[index]));
      }),
    );
    return outcomes;
  }
}

class WriteLane {
  private queue: Submission[] = [];
  private writing = false;

  constructor(
    private readonly db: Database,
    private readonly billingSettings: () => Promise<BillingSettings>,
  ) {}

  write(heartbeats: Heartbeat[], collectorTokenId: string): Promise<ItemOutcome[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ heartbeats, collectorTokenId, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.writing) return;
    this.writing = true;
    void (async () => {
      try {
        while (this.queue.length > 0) await this.writeWaiting();
      } finally {
        this.writing = false;
      }
    })();
  }

  private takeWaiting(): Submission[] {
    let count = 0;
    let take = 0;
    while (take < this.queue.length && (take === 0 || count + this.queue[take].heartbeats.length <= MAX_ITEMS_PER_WRITE)) {
      count += this.queue[take].heartbeats.length;
      take += 1;
    }
    return this.queue.splice(0, take);
  }

  private async writeWaiting(): Promise<void> {
    const batch = this.takeWaiting();
    let position = 0;
    const items = batch.flatMap((submission) =>
      submission.heartbeats.map((h) => ({
        n: position++,
        id: h.applianceId,
        at: h.observedAt.toISOString(),
        alert: h.billingAlert?.active ?? null,
        c: submission.collectorTokenId,
      })),
    );
    const patches = mergeHeartbeats(batch.flatMap((submission) => submission.heartbeats)).map(({ id, doc }) => ({ id, ...doc }));
    let result: WriteResult;
    try {
      result = await this.runStatement(JSON.stringify(items), JSON.stringify(patches), uuidArrayLiteral(patches.map((patch) => patch.id)));
    } catch (error) {
      for (const submission of batch) submission.reject(error);
      return;
    }
    try {
      await this.storeViews(result.updated);
    } catch (error) {
      // The evidence is stored; the refresh-views job recomputes the view columns.
      getLogger().error({ err: error }, "storing heartbeat views failed");
    }
    const notReporting = new Set(result.notReporting.map((id) => id.toLowerCase()));
    const storedBefore = new Set(result.stored);
    const taken = new Set<string>();
    position = 0;
    for (const submission of batch) {
      submission.resolve(
        submission.heartbeats.map((h) => {
          const at = position++;
          if (notReporting.has(h.applianceId.toLowerCase())) return "not-reporting";
          if (storedBefore.has(at)) return "duplicate";
          // The first of several equal heartbeats in one write takes the fresh row; the others are duplicates.
          const key = keyOf(h.applianceId, h.observedAt.getTime());
          if (taken.has(key)) return "duplicate";
          taken.add(key);
          return "accepted";
        }),
      );
    }
  }

  private async runStatement(items: string, patches: string, ids: string): Promise<WriteResult> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        // Straight to the driver: this statement runs hundreds of times a second.
        const rows = await this.db.sql.query<{ result: string }>(STATEMENT, [items, patches, ids], "lifeline-heartbeat-write");
        return JSON.parse(rows[0].result) as WriteResult;
      } catch (error) {
        // Another process's write on the same appliances, locked in the other order.
        if (attempt < 3 && isLockConflict(error)) continue;
        throw error;
      }
    }
  }

  private async storeViews(updated: unknown[][]): Promise<void> {
    if (updated.length === 0) return;
    const billing = await this.billingSettings();
    const now = new Date();
    const changed = [];
    for (const values of updated) {
      const row = rowOf(values);
      const columns = storedViewChange(row, billing, now);
      if (!columns) continue;
      changed.push({
        id: row.id,
        status: columns.billingStatus,
        failingSince: columns.failingSince?.toISOString() ?? null,
        disconnectAt: columns.disconnectAt?.toISOString() ?? null,
        readiness: columns.migrationReadiness,
        at: now.toISOString(),
        stamp: row.updatedAt.toISOString(),
      });
    }
    if (changed.length > 0) await this.db.sql.query(VIEW_STATEMENT, [JSON.stringify(changed)]);
  }
}

const RETURNED = ["id", ...EVIDENCE_COLUMNS];

/** The returned columns as the billing view reads them (PostgreSQL's JSON gives times as strings). */
function rowOf(values: unknown[]): Appliance {
  const row: Record<string, unknown> = {};
  RETURNED.forEach((key, index) => {
    const value = values[index];
    row[key] = TIME_COLUMNS.has(key) && typeof value === "string" ? new Date(value) : value;
  });
  return row as unknown as Appliance;
}

function isLockConflict(error: unknown): boolean {
  const codes = new Set(["40P01", "40001"]);
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === "object" && current !== null && !seen.has(current)) {
    seen.add(current);
    const record = current as { code?: unknown; meta?: { code?: unknown }; cause?: unknown };
    if (codes.has(String(record.code)) || codes.has(String(record.meta?.code))) return true;
    current = record.cause;
  }
  return false;
}
