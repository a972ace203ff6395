import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { billingSettingsOf } from "@/lib/settings/get-settings";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { parseInput } from "@/lib/validation";
import { addUtcDays, dayKey, utcDayStart } from "./compliance-math";
import { buildEvidenceTimeline, type TimelineEvent } from "./evidence-timeline";

export const HISTORY_RANGES = [7, 30, 90] as const;

export const applianceHistoryQuerySchema = z.object({
  range: z.coerce
    .number()
    .int()
    .refine((value) => (HISTORY_RANGES as readonly number[]).includes(value), "must be 7, 30 or 90")
    .default(7),
});

export interface PollDay {
  day: string;
  ok: number;
  failed: number;
  /** Share of polls that succeeded, 0–100; null when there were none. */
  successPercent: number | null;
  meanMs: number | null;
  maxMs: number | null;
}

export interface SendDay {
  day: string;
  testsPassed: number;
  testsFailed: number;
  hoursFailing: number | null;
  worstStatus: string | null;
}

export interface ApplianceHistory {
  range: number;
  timeline: TimelineEvent[];
  pollDays: PollDay[];
  sendDays: SendDay[];
}

const TIMELINE_POLLS = 500;

/** The appliance's evidence timeline and its day-by-day poll and send charts over 7, 30 or 90 days. */
export async function getApplianceHistory(
  db: Database,
  actor: Actor | null,
  applianceId: string,
  query: unknown,
  now = new Date(),
): Promise<ApplianceHistory> {
  authorize(actor, "viewer");
  const { range } = parseInput(applianceHistoryQuerySchema, query);
  const from = addUtcDays(utcDayStart(now), -(range - 1));
  const [settings, appliance, polls, heartbeats, transmissions, episodes, pollDays, testDays, complianceDays] = await Promise.all([
    getSettings(db),
    db.prisma.appliance.findUnique({ where: { id: applianceId }, select: { failingSince: true, mode: true } }),
    db.prisma.poll.findMany({
      where: { applianceId },
      orderBy: { at: "desc" },
      take: TIMELINE_POLLS,
      select: { at: true, ok: true, error: true, billingAlertActive: true },
    }),
    db.prisma.heartbeat.findMany({
      where: { applianceId },
      orderBy: { observedAt: "desc" },
      take: TIMELINE_POLLS,
      select: { observedAt: true, billingAlertActive: true },
    }),
    db.prisma.testTransmission.findMany({ where: { applianceId }, orderBy: { requestedAt: "desc" }, take: 50 }),
    db.prisma.failureEpisode.findMany({ where: { applianceId }, orderBy: { startedAt: "desc" }, take: 20 }),
    // Raw polls for the retention window, the daily roll-up for the days before it.
    db.prisma.$queryRaw<{ day: string; ok: number; failed: number; total_ms: number; max_ms: number | null }[]>`
      SELECT day, sum(ok)::float8 AS ok, sum(failed)::float8 AS failed, sum(total_ms)::float8 AS total_ms, max(max_ms)::float8 AS max_ms
      FROM (
        SELECT to_char((at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day, count(*) FILTER (WHERE ok) AS ok,
               count(*) FILTER (WHERE NOT ok) AS failed, sum("durationMs") AS total_ms, max("durationMs") AS max_ms
        FROM "Poll" WHERE "applianceId" = ${applianceId}::uuid AND at >= ${from} GROUP BY 1
        UNION ALL
        SELECT to_char(day, 'YYYY-MM-DD'), "okCount", "failCount", "totalMs", "maxMs"
        FROM "PollDaily" WHERE "applianceId" = ${applianceId}::uuid AND day >= ${dayKey(from)}::date
      ) t GROUP BY day`,
    db.prisma.$queryRaw<{ day: string; passed: number; failed: number }[]>`
      SELECT to_char(("finishedAt" AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day,
             count(*) FILTER (WHERE status = 'passed')::int AS passed,
             count(*) FILTER (WHERE status IN ('failed', 'error'))::int AS failed
      FROM "TestTransmission" WHERE "applianceId" = ${applianceId}::uuid AND "finishedAt" >= ${from} GROUP BY 1`,
    db.prisma.complianceDay.findMany({ where: { applianceId, day: { gte: from } }, select: { day: true, minutesFailing: true, worstStatus: true } }),
  ]);
  const polled = new Map(pollDays.map((row) => [row.day, row]));
  const tested = new Map(testDays.map((row) => [row.day, row]));
  const sampled = new Map(complianceDays.map((row) => [dayKey(row.day), row]));
  const days = Array.from({ length: range }, (_, index) => dayKey(addUtcDays(from, index)));
  return {
    range,
    timeline: buildEvidenceTimeline({
      polls,
      // Gaps matter only while the appliance reports: a polled one's staleness shows as failed polls.
      heartbeats:
        appliance?.mode === "reporting"
          ? {
              items: heartbeats.map((beat) => ({ at: beat.observedAt, billingAlertActive: beat.billingAlertActive })),
              staleAfterMs: billingSettingsOf(settings).staleAfterSeconds * 1000,
              now,
            }
          : undefined,
      transmissions,
      episodes,
      criticalDays: settings.criticalDays,
      failingSince: appliance?.failingSince,
    }),
    pollDays: days.map((day) => {
      const row = polled.get(day);
      const ok = Number(row?.ok ?? 0);
      const failed = Number(row?.failed ?? 0);
      const total = ok + failed;
      return {
        day,
        ok,
        failed,
        successPercent: total > 0 ? Math.round((ok / total) * 1000) / 10 : null,
        meanMs: total > 0 ? Math.round(Number(row?.total_ms ?? 0) / total) : null,
        maxMs: row?.max_ms === null || row?.max_ms === undefined ? null : Number(row.max_ms),
      };
    }),
    sendDays: days.map((day) => {
      const sample = sampled.get(day);
      return {
        day,
        testsPassed: Number(tested.get(day)?.passed ?? 0),
        testsFailed: Number(tested.get(day)?.failed ?? 0),
        hoursFailing: sample ? Math.round((sample.minutesFailing / 60) * 10) / 10 : null,
        worstStatus: sample?.worstStatus ?? null,
      };
    }),
  };
}
