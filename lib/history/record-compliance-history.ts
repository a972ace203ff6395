import type { BillingStatus } from "@/lib/billing";
import type { Database } from "@/lib/db";
import { STATUS_SEVERITY } from "@/lib/fleet/severity";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { addUtcDays, dayKey, minutesFailingOn, parseDayKey, utcDayStart } from "./compliance-math";
import { nextDayState, sameDayState, type DayState } from "./day-state";
import { planEpisodeChanges, type ApplianceSample, type EpisodeChange, type EpisodeState } from "./plan-episode-changes";

type Tx = Prisma.TransactionClient;

/** Per-appliance days: 13 months and a little, so last year's month still reads per appliance; roll-ups and episodes for years. */
export const DAY_RETENTION_DAYS = 400;
export const ROLLUP_RETENTION_DAYS = 3 * 366;
// One sampler at a time across workers (PostgreSQL); the embedded database has one process anyway.
const HISTORY_LOCK_KEY = 4242101;
const WRITE_CHUNK = 2_000;
const LOOKUP_CHUNK = 500;

/**
 * What one worker remembers between samples, so a sample writes only the days
 * that changed. Losing it (a restart) only makes the next sample write them all.
 */
export class HistoryMemory {
  day = "";
  rows = new Map<string, DayState>();
  finalisedDay = "";
  prunedDay = "";
  forget(): void {
    this.day = "";
    this.rows.clear();
    this.finalisedDay = "";
  }
}

export interface HistorySampleResult {
  skipped: boolean;
  appliances: number;
  opened: number;
  closed: number;
  daysWritten: number;
  rollupDays: string[];
}

const SEVERITY_ARRAY = `ARRAY[${STATUS_SEVERITY.map((status) => `'${status}'`).join(",")}]`;

const UPSERT_DAYS = `
INSERT INTO "ComplianceDay" ("applianceId", day, "applianceName", tenant, region, role, "worstStatus", "lastStatus", "minutesFailing", "updatedAt")
SELECT x.id, $2::date, x.name, x.tenant, x.region, x.role::"ApplianceRole", x.worst, x.last, x.minutes, $3::timestamptz
FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, name text, tenant text, region text, role text, worst text, last text, minutes int)
ON CONFLICT ("applianceId", day) DO UPDATE SET
  "applianceName" = EXCLUDED."applianceName",
  tenant = EXCLUDED.tenant,
  region = EXCLUDED.region,
  role = EXCLUDED.role,
  "worstStatus" = CASE
    WHEN array_position(${SEVERITY_ARRAY}, EXCLUDED."worstStatus") < array_position(${SEVERITY_ARRAY}, "ComplianceDay"."worstStatus")
    THEN EXCLUDED."worstStatus" ELSE "ComplianceDay"."worstStatus" END,
  "lastStatus" = EXCLUDED."lastStatus",
  "minutesFailing" = EXCLUDED."minutesFailing",
  "updatedAt" = EXCLUDED."updatedAt"`;

const SET_DAY_MINUTES = `
UPDATE "ComplianceDay" d SET "minutesFailing" = x.minutes
FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, minutes int)
WHERE d."applianceId" = x.id AND d.day = $2::date AND d."minutesFailing" <> x.minutes`;

const ROLLUP_DAY = `
INSERT INTO "ComplianceRollup" (day, tenant, region, appliances, "mustSend", compliant, "minutesFailing",
                                "nearDisconnects", disconnects, recoveries, "recoveryMinutes")
SELECT $1::date, coalesce(d.tenant, e.tenant), coalesce(d.region, e.region),
       coalesce(d.appliances, 0), coalesce(d.must, 0), coalesce(d.ok, 0), coalesce(d.minutes, 0),
       coalesce(e.near, 0), coalesce(e.disc, 0), coalesce(e.rec, 0), coalesce(e.recmin, 0)
FROM (
  SELECT tenant, region, count(*)::int AS appliances,
         count(*) FILTER (WHERE "worstStatus" <> 'exempt')::int AS must,
         count(*) FILTER (WHERE "worstStatus" = 'ok')::int AS ok,
         sum("minutesFailing")::int AS minutes
  FROM "ComplianceDay" WHERE day = $1::date AND role = 'production'::"ApplianceRole"
  GROUP BY tenant, region
) d
FULL JOIN (
  SELECT tenant, region,
         count(*) FILTER (WHERE "criticalAt" >= $2 AND "criticalAt" < $3)::int AS near,
         count(*) FILTER (WHERE "disconnectedAt" >= $2 AND "disconnectedAt" < $3)::int AS disc,
         count(*) FILTER (WHERE "endedAt" >= $2 AND "endedAt" < $3 AND "endedBy" <> 'removed')::int AS rec,
         coalesce(sum(round(extract(epoch FROM "endedAt" - "startedAt") / 60))
                  FILTER (WHERE "endedAt" >= $2 AND "endedAt" < $3 AND "endedBy" <> 'removed'), 0)::bigint AS recmin
  FROM "FailureEpisode"
  WHERE role = 'production'::"ApplianceRole"
    AND (("criticalAt" >= $2 AND "criticalAt" < $3) OR ("disconnectedAt" >= $2 AND "disconnectedAt" < $3)
         OR ("endedAt" >= $2 AND "endedAt" < $3))
  GROUP BY tenant, region
) e ON d.tenant = e.tenant AND d.region = e.region`;

type Sample = ApplianceSample & { lastDataAt: Date | null };

async function readSamples(tx: Tx): Promise<Sample[]> {
  const rows = await tx.appliance.findMany({
    select: {
      id: true,
      name: true,
      tenant: true,
      region: true,
      role: true,
      billingStatus: true,
      failingSince: true,
      disconnectAt: true,
      lastSuccessfulSendAt: true,
      alertsObservedAt: true,
      lastDataAt: true,
    },
  });
  return rows.map((row) => ({
    applianceId: row.id,
    name: row.name,
    tenant: row.tenant ?? "",
    region: row.region ?? "",
    role: row.role,
    billingStatus: row.billingStatus as BillingStatus,
    failingSince: row.failingSince,
    disconnectAt: row.disconnectAt,
    lastSuccessfulSendAt: row.lastSuccessfulSendAt,
    alertsObservedAt: row.alertsObservedAt,
    lastDataAt: row.lastDataAt,
  }));
}

const episodeState = (row: {
  id: string;
  startedAt: Date;
  criticalAt: Date | null;
  disconnectedAt: Date | null;
  applianceName: string;
  tenant: string;
  region: string;
  role: "production" | "test";
}): EpisodeState => ({
  id: row.id,
  startedAt: row.startedAt,
  criticalAt: row.criticalAt,
  disconnectedAt: row.disconnectedAt,
  applianceName: row.applianceName,
  tenant: row.tenant,
  region: row.region,
  role: row.role,
});

async function planChanges(tx: Tx, samples: ApplianceSample[], criticalDays: number, now: Date): Promise<EpisodeChange[]> {
  const open = new Map((await tx.failureEpisode.findMany({ where: { endedAt: null } })).map((row) => [row.applianceId, episodeState(row)]));
  const failingWithoutEpisode = samples.filter((sample) => sample.failingSince && !open.has(sample.applianceId));
  const lastClosed = new Map<string, EpisodeState>();
  for (let index = 0; index < failingWithoutEpisode.length; index += LOOKUP_CHUNK) {
    const closed = await tx.failureEpisode.findMany({
      where: {
        OR: failingWithoutEpisode
          .slice(index, index + LOOKUP_CHUNK)
          .map((sample) => ({ applianceId: sample.applianceId, startedAt: sample.failingSince as Date })),
        endedAt: { not: null },
      },
      orderBy: { endedAt: "desc" },
    });
    for (const row of closed) if (!lastClosed.has(row.applianceId)) lastClosed.set(row.applianceId, episodeState(row));
  }
  const changes: EpisodeChange[] = [];
  const seen = new Set<string>();
  for (const sample of samples) {
    seen.add(sample.applianceId);
    const state = { open: open.get(sample.applianceId) ?? null, lastClosed: lastClosed.get(sample.applianceId) ?? null };
    changes.push(...planEpisodeChanges(state, sample, criticalDays, now));
  }
  for (const [applianceId, episode] of open) {
    if (!seen.has(applianceId)) changes.push(...planEpisodeChanges({ open: episode }, null, criticalDays, now));
  }
  return changes;
}

async function applyChanges(tx: Tx, changes: EpisodeChange[]): Promise<void> {
  // Closes first: a superseded episode frees its appliance's open slot for the new one.
  for (const change of changes) {
    if (change.kind === "close") {
      await tx.failureEpisode.update({ where: { id: change.id }, data: { endedAt: change.endedAt, endedBy: change.endedBy, openKey: null } });
    }
  }
  for (const change of changes) {
    if (change.kind === "update") {
      const { kind: _kind, id, ...data } = change;
      await tx.failureEpisode.update({ where: { id }, data });
    } else if (change.kind === "reopen") {
      const { kind: _kind, id, ...data } = change;
      const row = await tx.failureEpisode.findUniqueOrThrow({ where: { id }, select: { applianceId: true } });
      await tx.failureEpisode.update({ where: { id }, data: { ...data, endedAt: null, endedBy: null, openKey: row.applianceId } });
    }
  }
  const opened = changes.flatMap((change) => (change.kind === "open" ? [change] : []));
  for (let index = 0; index < opened.length; index += WRITE_CHUNK) {
    await tx.failureEpisode.createMany({
      data: opened.slice(index, index + WRITE_CHUNK).map(({ kind: _kind, ...episode }) => ({ ...episode, openKey: episode.applianceId })),
    });
  }
}

/** Episodes of each appliance that overlap `from` .. now. */
async function episodesSince(tx: Tx, from: Date): Promise<Map<string, { startedAt: Date; endedAt: Date | null }[]>> {
  const rows = await tx.failureEpisode.findMany({
    where: { OR: [{ endedAt: null }, { endedAt: { gt: from } }] },
    select: { applianceId: true, startedAt: true, endedAt: true },
  });
  const byAppliance = new Map<string, { startedAt: Date; endedAt: Date | null }[]>();
  for (const row of rows) byAppliance.set(row.applianceId, [...(byAppliance.get(row.applianceId) ?? []), row]);
  return byAppliance;
}

async function writeChunks(tx: Tx, statement: string, rows: unknown[], ...params: unknown[]): Promise<void> {
  for (let index = 0; index < rows.length; index += WRITE_CHUNK) {
    await tx.$executeRawUnsafe(statement, JSON.stringify(rows.slice(index, index + WRITE_CHUNK)), ...params);
  }
}

/** Recomputes one day's roll-up rows from its appliance days and episode events. */
export async function rollUpDay(tx: Tx | Database["prisma"], day: Date): Promise<void> {
  const key = dayKey(day);
  await tx.$executeRawUnsafe(`DELETE FROM "ComplianceRollup" WHERE day = $1::date`, key);
  await tx.$executeRawUnsafe(ROLLUP_DAY, key, day, addUtcDays(day, 1));
}

const eventDays = (change: EpisodeChange): Date[] => {
  if (change.kind === "close") return [change.endedAt];
  return [change.criticalAt, change.disconnectedAt].filter((at): at is Date => at !== null);
};

/**
 * One sample of the fleet for the compliance history: failure episodes opened
 * and closed from the stored views, today's row per appliance (worst status,
 * minutes failing), yesterday's rows completed to midnight, and the day
 * roll-ups recomputed for every day whose figures moved.
 */
export async function recordComplianceHistory(db: Database, now = new Date(), memory = new HistoryMemory()): Promise<HistorySampleResult> {
  const { criticalDays } = await getSettings(db);
  const today = utcDayStart(now);
  const yesterday = addUtcDays(today, -1);
  const todayKey = dayKey(today);
  const yesterdayKey = dayKey(yesterday);
  if (memory.day !== todayKey) {
    memory.day = todayKey;
    memory.rows.clear();
  }
  const result = await db.prisma.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock(${HISTORY_LOCK_KEY}) AS locked`);
      if (!locked) return null;
      const samples = await readSamples(tx);
      const changes = await planChanges(tx, samples, criticalDays, now);
      await applyChanges(tx, changes);
      const episodes = await episodesSince(tx, yesterday);

      const dayRows: Record<string, unknown>[] = [];
      const remembered = new Map<string, DayState>();
      for (const sample of samples) {
        const previous = memory.rows.get(sample.applianceId);
        const next = nextDayState(previous, sample, minutesFailingOn(today, episodes.get(sample.applianceId) ?? [], now));
        if (next === null || sameDayState(previous, next)) continue;
        remembered.set(sample.applianceId, next);
        dayRows.push({ id: sample.applianceId, ...next });
      }
      await writeChunks(tx, UPSERT_DAYS, dayRows, todayKey, now);

      const rollup = new Set<string>();
      if (dayRows.length > 0 || changes.length > 0) rollup.add(todayKey);
      if (memory.finalisedDay !== yesterdayKey) {
        // Complete yesterday to midnight: its last sample came a little before.
        const minutes = [...episodes].map(([id, list]) => ({ id, minutes: minutesFailingOn(yesterday, list, now) }));
        await writeChunks(tx, SET_DAY_MINUTES, minutes, yesterdayKey);
        rollup.add(yesterdayKey).add(todayKey);
      }
      const oldest = addUtcDays(today, -ROLLUP_RETENTION_DAYS).getTime();
      for (const change of changes) {
        for (const at of eventDays(change)) if (at.getTime() >= oldest) rollup.add(dayKey(utcDayStart(at)));
      }
      for (const key of [...rollup].sort()) await rollUpDay(tx, parseDayKey(key));

      if (memory.prunedDay !== todayKey) {
        await tx.complianceDay.deleteMany({ where: { day: { lt: addUtcDays(today, -DAY_RETENTION_DAYS) } } });
        await tx.complianceRollup.deleteMany({ where: { day: { lt: addUtcDays(today, -ROLLUP_RETENTION_DAYS) } } });
        await tx.failureEpisode.deleteMany({ where: { endedAt: { lt: addUtcDays(today, -ROLLUP_RETENTION_DAYS) } } });
      }
      return {
        remembered,
        skipped: false,
        appliances: samples.length,
        opened: changes.filter((change) => change.kind === "open" || change.kind === "reopen").length,
        closed: changes.filter((change) => change.kind === "close").length,
        daysWritten: dayRows.length,
        rollupDays: [...rollup].sort(),
      };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
  if (!result) {
    // Another worker sampled: what this one remembers may be behind.
    memory.forget();
    return { skipped: true, appliances: 0, opened: 0, closed: 0, daysWritten: 0, rollupDays: [] };
  }
  const { remembered, ...figures } = result;
  for (const [id, state] of remembered) memory.rows.set(id, state);
  memory.finalisedDay = yesterdayKey;
  memory.prunedDay = todayKey;
  return figures;
}
