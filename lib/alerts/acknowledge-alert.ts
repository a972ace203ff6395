import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { InvalidStateError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { alertApplianceSelect, toAlertView, type AlertView } from "./alert-view";
import { activeSilences } from "./list-silences";
import type { EventDetail } from "./notification";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * open → acknowledged, with who and when; PagerDuty channels paged for it get an
 * acknowledge. Twice changes nothing; a resolved alert cannot be acknowledged.
 */
export async function acknowledgeAlert(db: Database, actor: Actor | null, id: string, now = new Date()): Promise<AlertView> {
  authorize(actor, "operator");
  if (!uuidPattern.test(id)) throw new ValidationError("id: must be an alert id", "id");
  await db.prisma.$transaction(async (tx) => {
    const alert = await tx.alert.findUnique({ where: { id } });
    if (!alert) throw new NotFoundError("The alert");
    if (alert.status === "resolved") throw new InvalidStateError("This alert is resolved; there is nothing to acknowledge.");
    const claimed = await tx.alert.updateMany({
      where: { id, status: "open" },
      data: { status: "acknowledged", acknowledgedAt: now, acknowledgedBy: actor.label },
    });
    // Already acknowledged: nothing changes, nothing to audit.
    if (claimed.count === 0) return;
    const last = await tx.alertEvent.findFirst({ where: { alertId: id, step: { not: "acknowledged" } }, orderBy: { id: "desc" } });
    const detail: EventDetail = { ...((last?.detail as unknown as EventDetail | undefined) ?? emptyDetail(alert.applianceId)), actor: actor.label };
    await tx.alertEvent.create({
      data: {
        alertId: id,
        condition: alert.condition,
        step: "acknowledged",
        severity: "info",
        summary: `Acknowledged by ${actor.label}.`,
        detail: detail as unknown as Prisma.InputJsonValue,
        createdAt: now,
      },
    });
    const appliance = await tx.appliance.findUniqueOrThrow({ where: { id: alert.applianceId }, select: { name: true } });
    await recordAudit(tx, { actor, action: "alert.acknowledge", target: `appliance:${appliance.name}`, result: "ok", detail: { alertId: id, condition: alert.condition } });
  });
  const row = await db.prisma.alert.findUniqueOrThrow({ where: { id }, include: { appliance: { select: alertApplianceSelect } } });
  return toAlertView(row, await activeSilences(db, now), now);
}

function emptyDetail(applianceId: string): EventDetail {
  return {
    appliance: { id: applianceId, name: applianceId, kind: "zvm", tags: {} },
    billingStatus: "unknown",
    daysUntilDisconnect: null,
    disconnectAt: null,
    failingSince: null,
    lastSuccessfulSendAt: null,
    reasonCode: null,
  };
}
