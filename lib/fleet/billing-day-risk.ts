import type { Database } from "@/lib/db";
import { STATUS_SEVERITY } from "@/lib/fleet/severity";
import { Prisma } from "@/lib/generated/prisma/client";

export const PROOF_WINDOW_HOURS = 24;

/** Appliances that send usage (not exempt) with no proof of a successful send in the last 24 hours. */
export function billingDayRiskSql(now: Date): Prisma.Sql {
  const since = new Date(now.getTime() - PROOF_WINDOW_HOURS * 3_600_000);
  return Prisma.sql`"billingStatus" <> 'exempt' AND ("lastSuccessfulSendAt" IS NULL OR "lastSuccessfulSendAt" < ${since})`;
}

const SEVERITY_ORDER = Prisma.raw(
  `(CASE "billingStatus" ${STATUS_SEVERITY.map((status, rank) => `WHEN '${status}' THEN ${rank}`).join(" ")} ELSE ${STATUS_SEVERITY.length} END)`,
);

/** Ids of the appliances at risk for the billing day, worst first. */
export async function billingDayRiskIds(db: Database, now: Date, limit: number): Promise<{ id: string; name: string }[]> {
  return db.prisma.$queryRaw<{ id: string; name: string }[]>`
    SELECT id, name FROM "Appliance" WHERE ${billingDayRiskSql(now)}
    ORDER BY ${SEVERITY_ORDER}, coalesce("disconnectAt", '9999-12-31T00:00:00Z'::timestamptz), name
    LIMIT ${limit}`;
}
