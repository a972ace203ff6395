import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { parseInput } from "@/lib/validation";
import { listApplianceTotals, type ApplianceTotals } from "./appliance-totals";
import { addUtcDays, dayKey, EMPTY_TOTALS, parseDayKey, type ComplianceTotals, type DailyTotals } from "./compliance-math";
import { periodDays, resolvePeriod, type CompliancePeriod } from "./compliance-period";
import { DAY_RETENTION_DAYS } from "./record-compliance-history";
import { demoOverlap, readDemoMarker } from "./demo-marker";

export const APPLIANCE_FILTERS = ["attention", "all"] as const;
export type ApplianceFilter = (typeof APPLIANCE_FILTERS)[number];

/** The period (see compliance-period.ts) and which appliances the appliance table lists. */
export const complianceQuerySchema = z.object({
  month: z.string().max(20).optional(),
  billing: z.string().max(20).optional(),
  from: z.string().max(20).optional(),
  to: z.string().max(20).optional(),
  days: z.union([z.string().max(5), z.number()]).optional(),
  appliances: z.enum(APPLIANCE_FILTERS, { message: "must be attention or all" }).default("attention"),
});

export interface GroupTotals extends ComplianceTotals {
  /** Tenant or region; "" for appliances without one. */
  key: string;
}

export interface ComplianceReport {
  period: CompliancePeriod;
  /** First and last day with figures (the period up to today). */
  from: string;
  to: string;
  days: number;
  criticalDays: number;
  /** One entry per day of the period up to today; recorded: false where the worker kept no history. */
  daily: (DailyTotals & { recorded: boolean; partial: boolean })[];
  totals: ComplianceTotals;
  byTenant: GroupTotals[];
  byRegion: GroupTotals[];
  /** Production appliances with data in the period; `appliances` says which. */
  byAppliance: ApplianceTotals[];
  applianceFilter: ApplianceFilter;
  /** Production appliances recorded in the period, whatever the filter. */
  appliancesRecorded: number;
  /** Per-appliance days are kept from this day; set when the period starts earlier. */
  applianceDaysFrom: string | null;
  /** The days of the period that `npm run demo` generated, or null. */
  demo: { from: string; to: string } | null;
}

type Row = {
  day: string | null;
  tenant: string | null;
  region: string | null;
  appliances_all: number;
  appliances: number;
  must_send: number;
  compliant: number;
  minutes: number;
  near: number;
  disc: number;
  rec: number;
  rec_minutes: number;
};

const totalsOf = (row: Row): ComplianceTotals => ({
  appliances: Number(row.appliances),
  mustSend: Number(row.must_send),
  compliant: Number(row.compliant),
  minutesFailing: Number(row.minutes),
  nearDisconnects: Number(row.near),
  disconnects: Number(row.disc),
  recoveries: Number(row.rec),
  recoveryMinutes: Number(row.rec_minutes),
});

/** Day, tenant, region and fleet totals of a run of days, in one pass over the daily roll-ups (GROUPING SETS). */
export async function readRollups(db: Database, from: string, through: string) {
  const rows = await db.prisma.$queryRaw<Row[]>`
    WITH r AS (
      SELECT * FROM "ComplianceRollup" WHERE day >= ${from}::date AND day <= ${through}::date
    ), latest AS (
      SELECT max(day) AS day FROM r
    )
    SELECT to_char(r.day, 'YYYY-MM-DD') AS day, r.tenant, r.region,
           sum(r.appliances)::float8 AS appliances_all,
           coalesce(sum(r.appliances) FILTER (WHERE r.day = (SELECT day FROM latest)), 0)::float8 AS appliances,
           sum(r."mustSend")::float8 AS must_send, sum(r.compliant)::float8 AS compliant,
           sum(r."minutesFailing")::float8 AS minutes, sum(r."nearDisconnects")::float8 AS near,
           sum(r.disconnects)::float8 AS disc, sum(r.recoveries)::float8 AS rec, sum(r."recoveryMinutes")::float8 AS rec_minutes
    FROM r
    GROUP BY GROUPING SETS ((r.day), (r.tenant), (r.region), ())`;
  const byDay = new Map<string, ComplianceTotals>();
  const byTenant: GroupTotals[] = [];
  const byRegion: GroupTotals[] = [];
  let totals = EMPTY_TOTALS;
  for (const row of rows) {
    if (row.day !== null) byDay.set(row.day, { ...totalsOf(row), appliances: Number(row.appliances_all) });
    else if (row.tenant !== null) byTenant.push({ key: row.tenant, ...totalsOf(row) });
    else if (row.region !== null) byRegion.push({ key: row.region, ...totalsOf(row) });
    else totals = totalsOf(row);
  }
  const byKey = (a: GroupTotals, b: GroupTotals) => a.key.localeCompare(b.key);
  return { byDay, byTenant: byTenant.sort(byKey), byRegion: byRegion.sort(byKey), totals };
}

/** An appliance needs a manager's attention in the period when it was not compliant every day it had to send. */
export function needsAttention(appliance: ApplianceTotals): boolean {
  return appliance.compliant < appliance.mustSend || appliance.minutesFailing > 0 || appliance.nearDisconnects > 0 || appliance.disconnects > 0;
}

/**
 * Production compliance for a period a manager names (a calendar month, a
 * billing month or a range of UTC days): per day, tenant and region from the
 * daily roll-ups, per appliance from its days and failure episodes.
 */
export async function getComplianceReport(db: Database, actor: Actor | null, query: unknown, now = new Date()): Promise<ComplianceReport> {
  authorize(actor, "viewer");
  const { appliances: applianceFilter, ...periodQuery } = parseInput(complianceQuerySchema, query ?? {});
  const period = resolvePeriod(periodQuery, now);
  const [rollups, appliances, settings, marker] = await Promise.all([
    readRollups(db, period.from, period.through),
    listApplianceTotals(db, period, now),
    getSettings(db),
    readDemoMarker(db.prisma),
  ]);
  const days = periodDays(period);
  const daily = days.map((day) => {
    const found = rollups.byDay.get(day);
    return { day, recorded: found !== undefined, partial: day === period.through && period.partial, ...(found ?? EMPTY_TOTALS) };
  });
  const keptFrom = dayKey(addUtcDays(parseDayKey(dayKey(now)), -(DAY_RETENTION_DAYS - 1)));
  return {
    period,
    from: period.from,
    to: period.through,
    days: days.length,
    criticalDays: settings.criticalDays,
    daily,
    totals: rollups.totals,
    byTenant: rollups.byTenant,
    byRegion: rollups.byRegion,
    byAppliance: applianceFilter === "all" ? appliances : appliances.filter(needsAttention),
    applianceFilter,
    appliancesRecorded: appliances.length,
    applianceDaysFrom: period.from < keptFrom ? keptFrom : null,
    demo: demoOverlap(marker, period.from, period.through),
  };
}
