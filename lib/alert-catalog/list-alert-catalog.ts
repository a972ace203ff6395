import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { classifyZvmAlert, type ZvmAlertKind } from "@/lib/billing";
import type { Database } from "@/lib/db";
import { alertPatternsOf } from "@/lib/settings/get-settings";
import { getSettings } from "@/lib/settings/internal/get-settings";

/** How far back the catalogue reaches. */
export const CATALOG_DAYS = 30;

export interface AlertCatalogItem {
  helpIdentifier: string | null;
  entity: string | null;
  level: string | null;
  description: string | null;
  /** Appliances raising it at their newest reading. */
  appliances: number;
  firstSeenAt: string;
  lastSeenAt: string;
  recognisedAs: ZvmAlertKind | null;
}

interface Row {
  helpIdentifier: string;
  entity: string;
  level: string;
  description: string;
  appliances: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/**
 * Every kind of alert (help identifier, entity, level) the fleet raised in the
 * last 30 days, with what Lifeline recognises it as under the current patterns:
 * how the fleet teaches Lifeline the alerts its defaults do not know.
 */
export async function listAlertCatalog(db: Database, actor: Actor | null, now = new Date()): Promise<{ items: AlertCatalogItem[] }> {
  authorize(actor, "viewer");
  const since = new Date(now.getTime() - CATALOG_DAYS * 86_400_000);
  const rows = await db.prisma.$queryRaw<Row[]>`
    SELECT "helpIdentifier", entity, level,
           (array_agg(description ORDER BY "lastSeenAt" DESC))[1] AS description,
           (count(*) FILTER (WHERE active))::int AS appliances,
           min("firstSeenAt") AS "firstSeenAt", max("lastSeenAt") AS "lastSeenAt"
    FROM "AlertSighting"
    WHERE "lastSeenAt" >= ${since}
    GROUP BY "helpIdentifier", entity, level
    ORDER BY max("lastSeenAt") DESC, "helpIdentifier", entity, level
    LIMIT 2000`;
  const patterns = alertPatternsOf(await getSettings(db));
  const orNull = (text: string) => (text === "" ? null : text);
  return {
    items: rows.map((row) => ({
      helpIdentifier: orNull(row.helpIdentifier),
      entity: orNull(row.entity),
      level: orNull(row.level),
      description: orNull(row.description),
      appliances: row.appliances,
      firstSeenAt: row.firstSeenAt.toISOString(),
      lastSeenAt: row.lastSeenAt.toISOString(),
      recognisedAs: classifyZvmAlert({ helpIdentifier: row.helpIdentifier, description: row.description, entity: row.entity }, patterns),
    })),
  };
}

/** A licence alert Lifeline does not recognise: the ones an admin should look at first. */
export function needsReview(item: Pick<AlertCatalogItem, "helpIdentifier" | "entity" | "recognisedAs">): boolean {
  if (item.recognisedAs !== null) return false;
  return /licen[cs]/i.test(item.entity ?? "") || /^LIC/i.test(item.helpIdentifier ?? "");
}

/** The kinds of alert one appliance raises at its newest reading, with what Lifeline reads them as. */
export async function listApplianceAlertKinds(db: Database, actor: Actor | null, applianceId: string): Promise<AlertCatalogItem[]> {
  authorize(actor, "viewer");
  const rows = await db.prisma.alertSighting.findMany({
    where: { applianceId, active: true },
    orderBy: [{ helpIdentifier: "asc" }, { entity: "asc" }, { level: "asc" }],
    take: 200,
  });
  const patterns = alertPatternsOf(await getSettings(db));
  const orNull = (text: string) => (text === "" ? null : text);
  return rows.map((row) => ({
    helpIdentifier: orNull(row.helpIdentifier),
    entity: orNull(row.entity),
    level: orNull(row.level),
    description: orNull(row.description),
    appliances: 1,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    recognisedAs: classifyZvmAlert({ helpIdentifier: row.helpIdentifier, description: row.description, entity: row.entity }, patterns),
  }));
}
