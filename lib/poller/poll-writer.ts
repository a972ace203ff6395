import { recordAlertSightings, type SightingReport } from "@/lib/alert-catalog/record-alert-sightings";
import type { Database } from "@/lib/db";

// Polls finish at hundreds per second; writing each one as its own two
// statements made the database the bottleneck. The writer gathers finished
// polls and stores each batch with one statement: update the appliances the
// worker still holds the lease on, and add their history rows.

type ColumnType = "text" | "timestamptz" | "boolean" | "integer" | "double precision" | "jsonb" | "text[]";

/** Every appliance column a poll may write, with its SQL type. */
const COLUMNS: Record<string, ColumnType> = {
  siteName: "text",
  siteIdentifier: "text",
  version: "text",
  licenseType: "text",
  vraTotal: "integer",
  vraStates: "jsonb",
  vraConnectionAlerts: "integer",
  pollWarnings: "text[]",
  clockSkewSeconds: "double precision",
  lastDataAt: "timestamptz",
  lastPolledAt: "timestamptz",
  lastPollAttemptAt: "timestamptz",
  lastPollError: "text",
  lastPollProblem: "text",
  consecutiveFailures: "integer",
  billingAlertActive: "boolean",
  billingAlertTurnedOn: "timestamptz",
  disconnectionAlertActive: "boolean",
  disconnectionAlertTurnedOn: "timestamptz",
  alertsObservedAt: "timestamptz",
  lastBillingAlertSeenAt: "timestamptz",
  version9SeenAt: "timestamptz",
  authSchemeDetected: "text",
  tlsFingerprintSha256: "text",
  tlsCertificateChangedAt: "timestamptz",
  billingStatus: "text",
  failingSince: "timestamptz",
  disconnectAt: "timestamptz",
  migrationReadiness: "text",
  viewComputedAt: "timestamptz",
  nextPollAt: "timestamptz",
};

// A column is written only when the row's document has its key, so a failed
// poll leaves the last known site facts alone.
const valueOf = (name: string, type: ColumnType) => {
  if (type === "jsonb") return `NULLIF(v.doc->'${name}', 'null'::jsonb)`;
  if (type === "text[]") return `ARRAY(SELECT jsonb_array_elements_text(v.doc->'${name}'))`;
  return `(v.doc->>'${name}')::${type}`;
};
const assignments = Object.entries(COLUMNS)
  .map(([name, type]) => `"${name}" = CASE WHEN v.doc ? '${name}' THEN ${valueOf(name, type)} ELSE a."${name}" END`)
  .join(",\n    ");

const STATEMENT = `
WITH v AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, doc jsonb, poll jsonb)
), updated AS (
  UPDATE "Appliance" a SET
    ${assignments},
    "leaseOwner" = NULL,
    "leaseUntil" = NULL,
    "updatedAt" = now()
  FROM v
  WHERE a.id = v.id AND a."leaseOwner" = $2
  RETURNING a.id
)
INSERT INTO "Poll" ("applianceId", at, "durationMs", ok, error, "billingAlertActive", "workerId")
SELECT v.id, (v.poll->>'at')::timestamptz, (v.poll->>'durationMs')::integer, (v.poll->>'ok')::boolean,
       v.poll->>'error', (v.poll->>'billingAlertActive')::boolean, $2
FROM v JOIN updated ON updated.id = v.id`;

export interface PollRecord {
  applianceId: string;
  /** Appliance columns to write; keys outside the known set are refused. */
  columns: Record<string, unknown>;
  poll: { at: Date; durationMs: number; ok: boolean; error: string | null; billingAlertActive: boolean | null };
  /** The kinds of alert a successful poll saw, for the alert catalogue. */
  sightings?: SightingReport;
}

export class PollWriter {
  private pending: { record: PollRecord; done: () => void; failed: (error: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Database,
    private readonly workerId: string,
    private readonly options: { maxBatch: number; maxDelayMs: number } = { maxBatch: 100, maxDelayMs: 50 },
  ) {}

  /** Resolves once the record is stored (with the batch it joined). */
  write(record: PollRecord): Promise<void> {
    for (const key of Object.keys(record.columns)) {
      if (!(key in COLUMNS)) throw new Error(`PollWriter cannot write column ${key}`);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({ record, done: resolve, failed: reject });
      if (this.pending.length >= this.options.maxBatch) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.options.maxDelayMs);
    });
  }

  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending.splice(0);
    if (batch.length === 0) return;
    const rows = batch.map(({ record }) => ({
      id: record.applianceId,
      doc: Object.fromEntries(
        Object.entries(record.columns).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
      ),
      poll: { ...record.poll, at: record.poll.at.toISOString() },
    }));
    try {
      await this.db.prisma.$executeRawUnsafe(STATEMENT, JSON.stringify(rows), this.workerId);
      const sightings = batch.flatMap(({ record }) => (record.sightings ? [record.sightings] : []));
      if (sightings.length > 0) await recordAlertSightings(this.db, sightings);
      for (const entry of batch) entry.done();
    } catch (error) {
      for (const entry of batch) entry.failed(error);
    }
  }
}
