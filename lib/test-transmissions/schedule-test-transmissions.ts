import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { openTestTransmission } from "./request-test-transmission";
import { isScheduledTestDue, type ScheduledTestInput } from "./scheduled-test-rule";

/** Scheduled tests are audited as this actor. */
export const SCHEDULER: Actor = { kind: "system", id: "scheduler", label: "scheduler", role: "operator" };

type Candidate = ScheduledTestInput & { id: string; name: string };

/**
 * Asks for a test transmission of every production appliance whose scheduled
 * test is due (scheduled-test-rule.ts), at most `pollConcurrency` of the
 * scheduler's open at once. Polled appliances are tested by the worker,
 * reporting ones by their collector, as for an operator's request.
 */
export async function scheduleTestTransmissions(db: Database, log: Logger, now = new Date()): Promise<number> {
  const settings = await getSettings(db);
  const everyHours = settings.autoTestEveryHours;
  if (everyHours <= 0) return 0;
  const [{ open }] = await db.prisma.$queryRaw<{ open: number }[]>`
    SELECT count(*)::int AS open FROM "TestTransmission"
    WHERE "requestedBy" = ${SCHEDULER.label} AND status IN ('pending', 'running')`;
  const room = settings.pollConcurrency - open;
  if (room <= 0) return 0;
  // A proof newer than a day (or the window, when shorter) rules an appliance out on any day.
  const proofCutoff = new Date(now.getTime() - Math.min(everyHours, 24) * 3_600_000);
  const candidates = await db.prisma.$queryRaw<Candidate[]>`
    SELECT a.id::text AS id, a.name, a.role::text AS role, a."licenseType", a."lastDataAt", a."lastSuccessfulSendAt",
           t.last AS "lastTestRequestedAt", a."sendForbiddenAt"
    FROM "Appliance" a
    LEFT JOIN LATERAL (SELECT max("requestedAt") AS last FROM "TestTransmission" WHERE "applianceId" = a.id) t ON true
    WHERE a.role = 'production' AND a."sendForbiddenAt" IS NULL AND a."lastDataAt" IS NOT NULL
      AND (a."lastSuccessfulSendAt" IS NULL OR a."lastSuccessfulSendAt" < ${proofCutoff})
      AND NOT EXISTS (SELECT 1 FROM "TestTransmission" o WHERE o."openKey" = a.id::text)
    ORDER BY GREATEST(a."lastSuccessfulSendAt", t.last) ASC NULLS FIRST, a."lastDataAt" ASC
    LIMIT ${room * 4}`;
  const due = candidates.filter((candidate) => isScheduledTestDue(candidate, everyHours, now)).slice(0, room);
  for (const appliance of due) await openTestTransmission(db, SCHEDULER, appliance);
  if (due.length > 0) log.info({ count: due.length }, "scheduled test transmissions requested");
  return due.length;
}
