import { toApplianceView, type ApplianceView } from "@/lib/appliances/appliance-view";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { nextBillingDay } from "@/lib/billing";
import type { Database } from "@/lib/db";
import { billingSettingsOf, getSettings } from "@/lib/settings/get-settings";
import { billingDayRiskIds, billingDayRiskSql } from "./billing-day-risk";

export interface BillingDayReadiness {
  /** 00:00 UTC of the billing day under way or next (the 3rd). */
  billingDay: string;
  /** Appliances that send usage, and those of them with no proof of success in the last 24 h. */
  sending: number;
  atRisk: number;
  /** The worst of those, for the screen. */
  shown: ApplianceView[];
}

export async function getBillingDayReadiness(db: Database, actor: Actor | null, now = new Date(), limit = 50): Promise<BillingDayReadiness> {
  authorize(actor, "viewer");
  const [ids, counts, settings] = await Promise.all([
    billingDayRiskIds(db, now, limit),
    db.prisma.$queryRaw<{ sending: number; at_risk: number }[]>`
      SELECT count(*) FILTER (WHERE "billingStatus" <> 'exempt')::int AS sending,
             count(*) FILTER (WHERE ${billingDayRiskSql(now)})::int AS at_risk
      FROM "Appliance"`,
    getSettings(db),
  ]);
  const rows = ids.length ? await db.prisma.appliance.findMany({ where: { id: { in: ids.map((row) => row.id) } } }) : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const billing = billingSettingsOf(settings);
  return {
    billingDay: nextBillingDay(now).toISOString(),
    sending: counts[0]?.sending ?? 0,
    atRisk: counts[0]?.at_risk ?? 0,
    shown: ids.flatMap(({ id }) => {
      const row = byId.get(id);
      return row ? [toApplianceView(row, billing, now)] : [];
    }),
  };
}
