import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import type { AlertSilence } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { toSilenceView, type SilenceView } from "./silence-view";

/** Silences and maintenance windows holding notifications at `now`. */
export function activeSilences(db: Database, now: Date): Promise<AlertSilence[]> {
  return db.prisma.alertSilence.findMany({ where: { startsAt: { lte: now }, endsAt: { gt: now } } });
}

export const listSilencesQuerySchema = z.object({
  /** current: active or scheduled (default); all: also the ended ones of the last 30 days. */
  scope: z.enum(["current", "all"], { message: "must be current or all" }).default("current"),
  kind: z.enum(["silence", "maintenance"], { message: "must be silence or maintenance" }).optional(),
  applianceId: z.uuid({ message: "must be an appliance id" }).optional(),
});

export async function listSilences(db: Database, actor: Actor | null, query: unknown, now = new Date()): Promise<SilenceView[]> {
  authorize(actor, "viewer");
  const filters = parseInput(listSilencesQuerySchema, query);
  const endedAfter = filters.scope === "current" ? now : new Date(now.getTime() - 30 * 86_400_000);
  const rows = await db.prisma.alertSilence.findMany({
    where: {
      endsAt: { gt: endedAfter },
      ...(filters.kind ? { kind: filters.kind } : {}),
      ...(filters.applianceId ? { applianceId: filters.applianceId } : {}),
    },
    include: { appliance: { select: { id: true, name: true } } },
    orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  return rows.map((row) => toSilenceView(row, now));
}
