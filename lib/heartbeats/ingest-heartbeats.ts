import { alertKindsOf } from "@/lib/alert-catalog/alert-kinds";
import { recordAlertSightings } from "@/lib/alert-catalog/record-alert-sightings";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { AlertPatterns } from "@/lib/billing";
import type { Database } from "@/lib/db";
import { databaseFaultOf } from "@/lib/db/database-errors";
import { DetailedAppError, UnavailableError, ValidationError } from "@/lib/errors";
import { getLogger } from "@/lib/log";
import { countHeartbeats } from "@/lib/metrics/metric-counters";
import { handOutCollectorCommands, type CollectorCommand } from "@/lib/test-transmissions/collector-commands";
import { isInScope, parseCollectorScope } from "./collector-scope";
import { HeartbeatBodyError, parseHeartbeatBody, type ItemError } from "./heartbeat-schema";
import { alertPatternsVersion, ingestStateOf } from "./ingest-state";

export interface IngestAnswer {
  accepted: number;
  duplicates: number;
  rejected: ItemError[];
  commands: CollectorCommand[];
  /** Lifeline's alert patterns, sent when the collector's copy (x-lifeline-alert-patterns) differs. */
  alertPatterns?: { version: string; patterns: AlertPatterns };
}

export interface IngestOptions {
  now?: Date;
  /** The alert-patterns version the collector holds ("" for none); absent: the caller does not want patterns. */
  knownPatternsVersion?: string | null;
}

/**
 * Stores the heartbeats a collector reports, answers what was taken, and hands
 * it the test transmissions waiting for the appliances it reported for.
 * Reporting for an appliance that is unknown or outside the token's scope is refused whole (403),
 * and the answer names the items, so the collector can drop them and resend.
 */
export async function ingestHeartbeats(
  db: Database,
  actor: Actor | null,
  body: unknown,
  options: IngestOptions = {},
): Promise<IngestAnswer> {
  authorize(actor, "collector");
  const now = options.now ?? new Date();
  const state = ingestStateOf(db);
  const settings = await state.settings();
  let parsed;
  try {
    parsed = parseHeartbeatBody(body, { now, maxAgeMs: settings.pollRetentionHours * 3_600_000 });
  } catch (error) {
    if (error instanceof HeartbeatBodyError) throw new ValidationError(error.message, error.field);
    throw error;
  }
  const fieldOf = (item: ItemError) => (parsed.single ? item.field : `heartbeats.${item.index}${item.field ? `.${item.field}` : ""}`);

  const appliances = await state.appliances(parsed.items.map((item) => item.heartbeat.applianceId));
  const scope = parseCollectorScope(actor.scope);
  const rejected = [...parsed.rejected];
  const forbidden: ItemError[] = [];
  const valid = parsed.items.filter(({ index, heartbeat }) => {
    const appliance = appliances.get(heartbeat.applianceId.toLowerCase()) ?? null;
    // Unknown and outside the scope answer alike: a token learns nothing about appliances it may not see.
    if (appliance === null || !isInScope(scope, appliance)) {
      forbidden.push({ index, field: "applianceId", error: `applianceId: ${heartbeat.applianceId} is unknown or outside this collector's scope` });
    } else if (appliance.mode !== "reporting") {
      rejected.push({ index, field: "applianceId", error: `applianceId: ${appliance.name} is polled, not reporting` });
    } else {
      return true;
    }
    return false;
  });
  if (forbidden.length > 0) {
    countHeartbeats(db, { accepted: 0, duplicates: 0, rejected: parsed.rejected.length + parsed.items.length });
    const first = forbidden[0];
    throw new DetailedAppError(
      `${fieldOf(first)}: this collector token may not report for that appliance (${forbidden.length} item(s) refused; nothing was stored)`,
      403,
      "forbidden",
      { rejected: forbidden },
      fieldOf(first),
    );
  }

  let outcomes;
  try {
    outcomes = await state.writer.write(valid.map((item) => item.heartbeat), actor.id);
  } catch (error) {
    // A database that went away is answered 503 by the error mapping, and logged once, by the database watch.
    if (databaseFaultOf(error) === "unreachable" || !(await db.watch.check())) throw error;
    getLogger().error({ err: error, collector: actor.label }, "storing heartbeats failed");
    throw new UnavailableError("The heartbeats could not be stored; send them again.");
  }
  let accepted = 0;
  let duplicates = 0;
  const reported = new Set<string>();
  const sightings: Parameters<typeof recordAlertSightings>[1][number][] = [];
  valid.forEach(({ index, heartbeat }, position) => {
    const outcome = outcomes[position];
    if (outcome === "not-reporting") {
      rejected.push({ index, field: "applianceId", error: "applianceId: is not a reporting appliance" });
      return;
    }
    if (outcome === "accepted") accepted += 1;
    else duplicates += 1;
    reported.add(heartbeat.applianceId.toLowerCase());
    if (outcome === "accepted" && heartbeat.alerts) {
      sightings.push({ applianceId: heartbeat.applianceId.toLowerCase(), at: heartbeat.observedAt, kinds: alertKindsOf(heartbeat.alerts) });
    }
  });
  if (sightings.length > 0) await recordAlertSightings(db, sightings);
  rejected.sort((a, b) => a.index - b.index);
  countHeartbeats(db, { accepted, duplicates, rejected: rejected.length });

  if (accepted + duplicates === 0 && rejected.length > 0) {
    const first = rejected[0];
    throw new DetailedAppError(
      parsed.single ? first.error : `${fieldOf(first)}: ${first.field ? first.error.slice(first.field.length + 2) : first.error}`,
      422,
      "invalid",
      { accepted: 0, duplicates: 0, rejected, commands: [] },
      fieldOf(first),
    );
  }

  const commands = await commandsFor(db, actor, reported, settings.collectorCommandTimeoutSeconds * 1000, now);
  const version = alertPatternsVersion(settings.alertPatterns);
  return {
    accepted,
    duplicates,
    rejected,
    commands,
    ...(options.knownPatternsVersion == null || options.knownPatternsVersion === version
      ? {}
      : { alertPatterns: { version, patterns: settings.alertPatterns } }),
  };
}

async function commandsFor(
  db: Database,
  actor: Actor,
  reported: ReadonlySet<string>,
  leaseMs: number,
  now: Date,
): Promise<CollectorCommand[]> {
  if (reported.size === 0) return [];
  const open = (await ingestStateOf(db).openCommands()).filter((command) => reported.has(command.applianceId.toLowerCase()));
  if (open.length === 0) return [];
  return handOutCollectorCommands(db, actor, open, leaseMs, now);
}
