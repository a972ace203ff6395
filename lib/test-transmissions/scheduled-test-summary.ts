import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { nextScheduledTestAt, type ScheduledTestInput } from "./scheduled-test-rule";

export interface ScheduledTestSummary {
  everyHours: number;
  /** Appliances whose scheduled test is due now (waiting for a free slot or the next round). */
  dueNow: number;
  /** The next one due later. */
  next: { appliance: string; at: string } | null;
}

/** Fleet-wide: how many scheduled tests are due and when the next comes (the settings page shows it). */
export async function summariseScheduledTests(db: Database, actor: Actor | null, now = new Date()): Promise<ScheduledTestSummary> {
  authorize(actor, "viewer");
  const everyHours = (await getSettings(db)).autoTestEveryHours;
  if (everyHours <= 0) return { everyHours, dueNow: 0, next: null };
  const rows = await db.prisma.$queryRaw<(ScheduledTestInput & { name: string })[]>`
    SELECT a.name, a.role::text AS role, a."licenseType", a."lastDataAt", a."lastSuccessfulSendAt",
           t.last AS "lastTestRequestedAt", a."sendForbiddenAt"
    FROM "Appliance" a
    LEFT JOIN LATERAL (SELECT max("requestedAt") AS last FROM "TestTransmission" WHERE "applianceId" = a.id) t ON true
    WHERE a.role = 'production'`;
  let dueNow = 0;
  let next: ScheduledTestSummary["next"] = null;
  for (const row of rows) {
    const due = nextScheduledTestAt(row, everyHours, now);
    if (due === null) continue;
    if (due.getTime() <= now.getTime()) dueNow += 1;
    else if (next === null || due.getTime() < Date.parse(next.at)) next = { appliance: row.name, at: due.toISOString() };
  }
  return { everyHours, dueNow, next };
}
