import { toApplianceView, type ApplianceView } from "@/lib/appliances/appliance-view";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { nextBillingDay } from "@/lib/billing";
import type { Database } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { billingSettingsOf } from "@/lib/settings/get-settings";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { billingDayIds, billingDayRiskSql, billingDayUnprovenSql, billingDayUntestedSql } from "./billing-day-risk";

export interface BillingDayReadiness {
  /** 00:00 UTC of the billing day under way or next (the 3rd). */
  billingDay: string;
  /** Appliances that send usage (not exempt). */
  sending: number;
  /** Of those: failing, misfit, stale, never read, or without any evidence in 24 h. */
  atRisk: number;
  /** OK with no failure reported in 24 h, but no send proven in 24 h. */
  unproven: number;
  /** At risk and unproven together: what a bulk test covers. */
  untested: number;
  /** The worst of each, for the screen. */
  shown: ApplianceView[];
  unprovenShown: ApplianceView[];
}

async function viewsOf(db: Database, ids: { id: string }[], now: Date, billing: ReturnType<typeof billingSettingsOf>): Promise<ApplianceView[]> {
  if (ids.length === 0) return [];
  const rows = await db.prisma.appliance.findMany({ where: { id: { in: ids.map((row) => row.id) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap(({ id }) => {
    const row = byId.get(id);
    return row ? [toApplianceView(row, billing, now)] : [];
  });
}

/** The appliances to look at before the coming billing day, at risk and unproven kept apart. */
export async function getBillingDayReadiness(db: Database, actor: Actor | null, now = new Date(), limit = 50): Promise<BillingDayReadiness> {
  authorize(actor, "viewer");
  const risk: Prisma.Sql = billingDayRiskSql(now);
  const unproven: Prisma.Sql = billingDayUnprovenSql(now);
  const [riskIds, unprovenIds, counts, settings] = await Promise.all([
    billingDayIds(db, risk, limit),
    billingDayIds(db, unproven, limit),
    db.prisma.$queryRaw<{ sending: number; at_risk: number; unproven: number; untested: number }[]>`
      SELECT count(*) FILTER (WHERE "billingStatus" <> 'exempt')::int AS sending,
             count(*) FILTER (WHERE ${risk})::int AS at_risk,
             count(*) FILTER (WHERE ${unproven})::int AS unproven,
             count(*) FILTER (WHERE ${billingDayUntestedSql(now)})::int AS untested
      FROM "Appliance"`,
    getSettings(db),
  ]);
  const billing = billingSettingsOf(settings);
  const [shown, unprovenShown] = await Promise.all([viewsOf(db, riskIds, now, billing), viewsOf(db, unprovenIds, now, billing)]);
  return {
    billingDay: nextBillingDay(now).toISOString(),
    sending: counts[0]?.sending ?? 0,
    atRisk: counts[0]?.at_risk ?? 0,
    unproven: counts[0]?.unproven ?? 0,
    untested: counts[0]?.untested ?? 0,
    shown,
    unprovenShown,
  };
}
