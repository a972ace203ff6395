import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { auditedChange } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { InvalidStateError, NotFoundError, ValidationError } from "@/lib/errors";
import { releaseHeldEvents } from "./dispatch-events";
import { toSilenceView, type SilenceView } from "./silence-view";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ends a silence or maintenance window now (one not started yet is cancelled);
 * notifications it held go out if their alerts still hold.
 */
export async function endSilence(db: Database, actor: Actor | null, id: string, now = new Date()): Promise<SilenceView> {
  authorize(actor, "operator");
  if (!uuidPattern.test(id)) throw new ValidationError("id: must be a silence id", "id");
  const row = await db.prisma.alertSilence.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("The silence");
  if (row.endsAt.getTime() <= now.getTime()) throw new InvalidStateError("This silence has already ended.");
  const endsAt = row.startsAt.getTime() > now.getTime() ? row.startsAt : now;
  const ended = await auditedChange(
    db,
    (tx) => tx.alertSilence.update({ where: { id }, data: { endsAt }, include: { appliance: { select: { id: true, name: true } } } }),
    (changed) => ({ actor, action: `${row.kind}.end`, target: changed.appliance ? `appliance:${changed.appliance.name}` : (row.tag ?? row.condition), result: "ok", detail: { id } }),
  );
  await releaseHeldEvents(db, now);
  return toSilenceView(ended, now);
}
