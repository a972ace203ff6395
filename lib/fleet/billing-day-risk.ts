import type { Database } from "@/lib/db";
import { STATUS_SEVERITY } from "@/lib/fleet/severity";
import { Prisma } from "@/lib/generated/prisma/client";

export const PROOF_WINDOW_HOURS = 24;

const since = (now: Date) => new Date(now.getTime() - PROOF_WINDOW_HOURS * 3_600_000);

/** A send proven (a passed test or a collector-reported send) in the last 24 hours. */
const proven = (now: Date) => Prisma.sql`("lastSuccessfulSendAt" IS NOT NULL AND "lastSuccessfulSendAt" >= ${since(now)})`;

/** The ZVM's billing alert was read as off in the last 24 hours. */
const noFailureReported = (now: Date) =>
  Prisma.sql`coalesce("billingAlertActive" = false AND "alertsObservedAt" >= ${since(now)}, false)`;

/**
 * At risk for the billing day (lib/billing/billing-day.ts says why): sends usage and is
 * failing, misfit, stale or never read, or OK without any evidence from the last 24 hours.
 */
export function billingDayRiskSql(now: Date): Prisma.Sql {
  return Prisma.sql`"billingStatus" <> 'exempt' AND NOT ("billingStatus" = 'ok' AND (${proven(now)} OR ${noFailureReported(now)}))`;
}

/** OK with no failure reported, but no send proven in the last 24 hours. */
export function billingDayUnprovenSql(now: Date): Prisma.Sql {
  return Prisma.sql`"billingStatus" = 'ok' AND NOT ${proven(now)} AND ${noFailureReported(now)}`;
}

/** Every appliance that sends usage without a send proven in the last 24 hours: at risk or unproven, what a bulk test covers. */
export function billingDayUntestedSql(now: Date): Prisma.Sql {
  return Prisma.sql`"billingStatus" <> 'exempt' AND NOT ("billingStatus" = 'ok' AND ${proven(now)})`;
}

const SEVERITY_ORDER = Prisma.raw(
  `(CASE "billingStatus" ${STATUS_SEVERITY.map((status, rank) => `WHEN '${status}' THEN ${rank}`).join(" ")} ELSE ${STATUS_SEVERITY.length} END)`,
);

/** Ids of the appliances a condition selects, worst first. */
export async function billingDayIds(db: Database, condition: Prisma.Sql, limit: number): Promise<{ id: string; name: string }[]> {
  return db.prisma.$queryRaw<{ id: string; name: string }[]>`
    SELECT id, name FROM "Appliance" WHERE ${condition}
    ORDER BY ${SEVERITY_ORDER}, coalesce("disconnectAt", '9999-12-31T00:00:00Z'::timestamptz), name
    LIMIT ${limit}`;
}
