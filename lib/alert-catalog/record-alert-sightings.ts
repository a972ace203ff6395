import type { Database } from "@/lib/db";
import { getLogger } from "@/lib/log";
import { signatureOf, type AlertKind } from "./alert-kinds";

export interface SightingReport {
  applianceId: string;
  /** When the ZVM was read. */
  at: Date;
  /** Every kind of alert of the local site at that time; [] when none stands. */
  kinds: AlertKind[];
}

/** Unchanged sets are written again after this long, so "last seen" stays within it. */
const REFRESH_MS = 60 * 60_000;
/** The memo forgets its oldest appliances beyond this (one small entry each). */
const MEMO_LIMIT = 50_000;

interface Memo {
  signature: string;
  at: number;
  writtenAt: number;
}

// Most readings raise the same alerts as the one before: the memo keeps the
// last set written per appliance so that only changes (and an hourly refresh)
// reach the database. A reading older than the newest one seen is ignored.
const memo = new Map<string, Memo>();

function due(report: SightingReport, signature: string): boolean {
  const seen = memo.get(report.applianceId);
  if (seen === undefined) return true;
  if (report.at.getTime() < seen.at) return false;
  return seen.signature !== signature || report.at.getTime() - seen.writtenAt >= REFRESH_MS;
}

function remember(report: SightingReport, signature: string, written: boolean): void {
  const previous = memo.get(report.applianceId);
  memo.delete(report.applianceId);
  memo.set(report.applianceId, {
    signature,
    at: report.at.getTime(),
    writtenAt: written ? report.at.getTime() : (previous?.writtenAt ?? 0),
  });
  if (memo.size > MEMO_LIMIT) memo.delete(memo.keys().next().value!);
}

/**
 * Keeps the alert catalogue's sightings: each kind an appliance raises now is
 * upserted (first seen kept, last seen moved on) and marked active; the kinds it
 * no longer raises are marked inactive. The catalogue is advisory, so a failure
 * is logged and the readings that caused it are written again next time.
 */
export async function recordAlertSightings(db: Database, reports: readonly SightingReport[]): Promise<void> {
  const newest = new Map<string, SightingReport>();
  for (const report of reports) {
    const current = newest.get(report.applianceId);
    if (!current || current.at < report.at) newest.set(report.applianceId, report);
  }
  const pending: { report: SightingReport; signature: string }[] = [];
  for (const report of newest.values()) {
    const signature = signatureOf(report.kinds);
    if (due(report, signature)) pending.push({ report, signature });
    else if (report.at.getTime() >= (memo.get(report.applianceId)?.at ?? 0)) remember(report, signature, false);
  }
  if (pending.length === 0) return;
  const rows = pending.flatMap(({ report }) =>
    report.kinds.map((kind) => ({ a: report.applianceId, h: kind.helpIdentifier, e: kind.entity, l: kind.level, d: kind.description, at: report.at.toISOString() })),
  );
  const readings = pending.map(({ report }) => ({ a: report.applianceId, at: report.at.toISOString() }));
  try {
    await db.prisma.$transaction([
      db.prisma.$executeRawUnsafe(
        `INSERT INTO "AlertSighting" ("applianceId", "helpIdentifier", entity, level, description, "firstSeenAt", "lastSeenAt", active)
         SELECT s.a, s.h, s.e, s.l, s.d, s.at, s.at, true
         FROM jsonb_to_recordset($1::jsonb) AS s(a uuid, h text, e text, l text, d text, at timestamptz)
         WHERE EXISTS (SELECT 1 FROM "Appliance" WHERE id = s.a)
         ON CONFLICT ("applianceId", "helpIdentifier", entity, level) DO UPDATE SET
           description = EXCLUDED.description,
           "lastSeenAt" = GREATEST("AlertSighting"."lastSeenAt", EXCLUDED."lastSeenAt"),
           "firstSeenAt" = LEAST("AlertSighting"."firstSeenAt", EXCLUDED."firstSeenAt"),
           active = true`,
        JSON.stringify(rows),
      ),
      db.prisma.$executeRawUnsafe(
        `UPDATE "AlertSighting" t SET active = false
         FROM jsonb_to_recordset($1::jsonb) AS r(a uuid, at timestamptz)
         WHERE t."applianceId" = r.a AND t.active AND t."lastSeenAt" < r.at`,
        JSON.stringify(readings),
      ),
    ]);
    for (const { report, signature } of pending) remember(report, signature, true);
  } catch (error) {
    getLogger().warn({ err: error, appliances: pending.length }, "alert catalogue: could not record sightings");
  }
}

/** For tests: start with an empty memo. */
export function forgetAlertSightings(): void {
  memo.clear();
}
