import type { Database } from "@/lib/db";
import { addUtcDays, parseDayKey, type ComplianceTotals } from "./compliance-math";
import type { CompliancePeriod } from "./compliance-period";

/** One production appliance's figures for a period: its days to send (not exempt) and those OK all day, and its failure events. */
export interface ApplianceTotals extends Omit<ComplianceTotals, "appliances"> {
  applianceId: string;
  name: string;
  tenant: string;
  region: string;
  /** The first day of the period it has data for (it counts from its first data, not its registration). */
  countedFrom: string | null;
}

type DayRow = {
  id: string;
  name: string;
  tenant: string;
  region: string;
  first_day: string;
  must_send: number;
  compliant: number;
  minutes: number;
};

type EpisodeRow = {
  id: string;
  name: string;
  tenant: string;
  region: string;
  near: number;
  disc: number;
  rec: number;
  rec_minutes: number;
};

/**
 * Every production appliance with days or failure events in the period, from
 * its recorded days (compliant days, minutes failing) and its failure episodes
 * (near-disconnects, disconnects and recoveries dated in the period), worst first.
 */
export async function listApplianceTotals(db: Database, period: Pick<CompliancePeriod, "from" | "through">, now: Date): Promise<ApplianceTotals[]> {
  const start = parseDayKey(period.from);
  const endOfDays = addUtcDays(parseDayKey(period.through), 1);
  const end = endOfDays.getTime() > now.getTime() ? now : endOfDays;
  const [days, episodes] = await Promise.all([
    db.prisma.$queryRaw<DayRow[]>`
      SELECT d."applianceId"::text AS id,
             (array_agg(d."applianceName" ORDER BY d.day DESC))[1] AS name,
             (array_agg(d.tenant ORDER BY d.day DESC))[1] AS tenant,
             (array_agg(d.region ORDER BY d.day DESC))[1] AS region,
             to_char(min(d.day), 'YYYY-MM-DD') AS first_day,
             count(*) FILTER (WHERE d."worstStatus" <> 'exempt')::int AS must_send,
             count(*) FILTER (WHERE d."worstStatus" = 'ok')::int AS compliant,
             coalesce(sum(d."minutesFailing"), 0)::int AS minutes
      FROM "ComplianceDay" d
      WHERE d.day >= ${period.from}::date AND d.day <= ${period.through}::date AND d.role = 'production'::"ApplianceRole"
      GROUP BY d."applianceId"`,
    db.prisma.$queryRaw<EpisodeRow[]>`
      SELECT e."applianceId"::text AS id,
             (array_agg(e."applianceName" ORDER BY e."startedAt" DESC))[1] AS name,
             (array_agg(e.tenant ORDER BY e."startedAt" DESC))[1] AS tenant,
             (array_agg(e.region ORDER BY e."startedAt" DESC))[1] AS region,
             count(*) FILTER (WHERE e."criticalAt" >= ${start} AND e."criticalAt" < ${end})::int AS near,
             count(*) FILTER (WHERE e."disconnectedAt" >= ${start} AND e."disconnectedAt" < ${end})::int AS disc,
             count(*) FILTER (WHERE e."endedAt" >= ${start} AND e."endedAt" < ${end} AND e."endedBy" <> 'removed')::int AS rec,
             coalesce(sum(round(extract(epoch FROM e."endedAt" - e."startedAt") / 60))
                      FILTER (WHERE e."endedAt" >= ${start} AND e."endedAt" < ${end} AND e."endedBy" <> 'removed'), 0)::float8 AS rec_minutes
      FROM "FailureEpisode" e
      WHERE e.role = 'production'::"ApplianceRole"
        AND ((e."criticalAt" >= ${start} AND e."criticalAt" < ${end}) OR (e."disconnectedAt" >= ${start} AND e."disconnectedAt" < ${end})
             OR (e."endedAt" >= ${start} AND e."endedAt" < ${end}))
      GROUP BY e."applianceId"`,
  ]);
  const byId = new Map<string, ApplianceTotals>();
  for (const row of days) {
    byId.set(row.id, {
      applianceId: row.id,
      name: row.name,
      tenant: row.tenant,
      region: row.region,
      countedFrom: row.first_day,
      mustSend: Number(row.must_send),
      compliant: Number(row.compliant),
      minutesFailing: Number(row.minutes),
      nearDisconnects: 0,
      disconnects: 0,
      recoveries: 0,
      recoveryMinutes: 0,
    });
  }
  for (const row of episodes) {
    const found = byId.get(row.id);
    const events = { nearDisconnects: Number(row.near), disconnects: Number(row.disc), recoveries: Number(row.rec), recoveryMinutes: Number(row.rec_minutes) };
    if (found) Object.assign(found, events);
    else {
      byId.set(row.id, {
        applianceId: row.id,
        name: row.name,
        tenant: row.tenant,
        region: row.region,
        countedFrom: null,
        mustSend: 0,
        compliant: 0,
        minutesFailing: 0,
        ...events,
      });
    }
  }
  return [...byId.values()].sort(worstFirst);
}

/** Lowest compliant share first, then most time failing, then by name. */
export function worstFirst(a: ApplianceTotals, b: ApplianceTotals): number {
  const share = (item: ApplianceTotals) => (item.mustSend > 0 ? item.compliant / item.mustSend : 1);
  return share(a) - share(b) || b.minutesFailing - a.minutesFailing || a.name.localeCompare(b.name);
}
