import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { auditedChange } from "@/lib/audit/record-audit";
import { findAppliance } from "@/lib/appliances/internal/find-appliance";
import type { Database } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { SILENCE_MAX_MS, createSilenceSchema } from "./silence-schemas";
import { toSilenceView, type SilenceView } from "./silence-view";

/**
 * Silences (from now) or schedules a maintenance window: matching notifications
 * are held until it ends, while the alerts stay on every screen.
 */
export async function createSilence(db: Database, actor: Actor | null, input: unknown, now = new Date()): Promise<SilenceView> {
  authorize(actor, "operator");
  const data = parseInput(createSilenceSchema, input);
  const startsAt = data.startsAt ? new Date(data.startsAt) : now;
  const endsAt = data.endsAt ? new Date(data.endsAt) : new Date(startsAt.getTime() + (data.durationMinutes ?? 0) * 60_000);
  if (endsAt.getTime() <= startsAt.getTime()) throw new ValidationError("endsAt: must be after startsAt", "endsAt");
  if (endsAt.getTime() <= now.getTime()) throw new ValidationError("endsAt: must be in the future", "endsAt");
  if (endsAt.getTime() - startsAt.getTime() > SILENCE_MAX_MS) throw new ValidationError("endsAt: must be at most 90 days after startsAt", "endsAt");
  if (data.applianceId) {
    const exists = await db.prisma.appliance.findUnique({ where: { id: data.applianceId }, select: { id: true } });
    if (!exists) throw new NotFoundError("The appliance");
  }
  const row = await auditedChange(
    db,
    (tx) =>
      tx.alertSilence.create({
        data: {
          kind: data.kind,
          applianceId: data.applianceId ?? null,
          tag: data.tag ?? null,
          condition: data.condition ?? null,
          startsAt,
          endsAt,
          reason: data.reason,
          createdBy: actor.label,
        },
        include: { appliance: { select: { id: true, name: true } } },
      }),
    (created) => ({
      actor,
      action: `${data.kind}.create`,
      target: created.appliance ? `appliance:${created.appliance.name}` : (created.tag ?? created.condition),
      result: "ok",
      detail: { id: created.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), condition: created.condition, reason: created.reason },
    }),
  );
  return toSilenceView(row, now);
}

/**
 * The maintenance form names an appliance by its name: it is looked up only
 * once the caller may create a silence, so a caller without the right learns
 * nothing about which names exist.
 */
export async function createSilenceForAppliance(
  db: Database,
  actor: Actor | null,
  applianceIdOrName: string | undefined,
  input: Record<string, unknown>,
  now = new Date(),
): Promise<SilenceView> {
  authorize(actor, "operator");
  const appliance = applianceIdOrName ? await findAppliance(db, applianceIdOrName) : null;
  return createSilence(db, actor, { ...input, applianceId: appliance?.id }, now);
}
