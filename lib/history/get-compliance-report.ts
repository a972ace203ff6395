import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { getSettings } from "@/lib/settings/get-settings";
import { parseInput } from "@/lib/validation";
import {
  addUtcDays,
  dayKey,
  EMPTY_TOTALS,
  groupByBillingMonth,
  utcDayStart,
  type BillingMonth,
  type ComplianceTotals,
  type DailyTotals,
} from "./compliance-math";

export const COMPLIANCE_RANGES = [30, 90, 365] as const;

export const complianceQuerySchema = z.object({
  days: z.coerce
    .number()
    .int()
    .refine((value) => (COMPLIANCE_RANGES as readonly number[]).includes(value), "must be 30, 90 or 365")
    .default(30),
});

export interface GroupTotals extends ComplianceTotals {
  /** Tenant or region; "" for appliances without one. */
  key: string;
}

export interface ComplianceReport {
  days: number;
  from: string;
  to: string;
  criticalDays: number;
  /** One entry per day of the range; recorded: false where the worker kept no history. */
  daily: (DailyTotals & { recorded: boolean })[];
  totals: ComplianceTotals;
  byTenant: GroupTotals[];
  byRegion: GroupTotals[];
  /** Billing months (4th to the 3rd) that overlap the range, newest first. */
  months: BillingMonth[];
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

/**
 * Production compliance over the last 30, 90 or 365 UTC days, from the daily
 * roll-ups: one pass over a few rows per day gives the days, the tenants and the
 * regions at once (GROUPING SETS), however many appliances the fleet has.
 */
export async function getComplianceReport(db: Database, actor: Actor | null, query: unknown, now = new Date()): Promise<ComplianceReport> {
  authorize(actor, "viewer");
  const { days } = parseInput(complianceQuerySchema, query);
  const to = utcDayStart(now);
  const from = addUtcDays(to, -(days - 1));
  const [rows, settings] = await Promise.all([
    db.prisma.$queryRaw<Row[]>`
      WITH r AS (
        SELECT * FROM "ComplianceRollup" WHERE day >= ${dayKey(from)}::date AND day <= ${dayKey(to)}::date
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
      GROUP BY GROUPING SETS ((r.day), (r.tenant), (r.region), ())`,
    getSettings(db),
  ]);
  const recorded = new Map<string, ComplianceTotals>();
  const byTenant: GroupTotals[] = [];
  const byRegion: GroupTotals[] = [];
  let totals = EMPTY_TOTALS;
  for (const row of rows) {
    if (row.day !== null) recorded.set(row.day, { ...totalsOf(row), appliances: Number(row.appliances_all) });
    else if (row.tenant !== null) byTenant.push({ key: row.tenant, ...totalsOf(row) });
    else if (row.region !== null) byRegion.push({ key: row.region, ...totalsOf(row) });
    else totals = totalsOf(row);
  }
  const daily = Array.from({ length: days }, (_, index) => {
    const day = dayKey(addUtcDays(from, index));
    const found = recorded.get(day);
    return { day, recorded: found !== undefined, ...(found ?? EMPTY_TOTALS) };
  });
  const byKey = (a: GroupTotals, b: GroupTotals) => a.key.localeCompare(b.key);
  return {
    days,
    from: dayKey(from),
    to: dayKey(to),
    criticalDays: settings.criticalDays,
    daily,
    totals,
    byTenant: byTenant.sort(byKey),
    byRegion: byRegion.sort(byKey),
    months: groupByBillingMonth(daily.filter((day) => day.recorded)),
  };
}
