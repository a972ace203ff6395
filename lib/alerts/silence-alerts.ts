import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { alertIdsSchema } from "./acknowledge-alerts";
import { createSilence } from "./create-silence";
import type { SilenceView } from "./silence-view";

const silenceAlertsSchema = z.object({
  ids: alertIdsSchema,
  /** appliance: every alert of each selected alert's appliance; condition: only that alert's condition there. */
  scope: z.enum(["appliance", "condition"], { message: "must be appliance or condition" }),
  durationMinutes: z.number().int(),
  reason: z.string(),
});

/**
 * One silence per appliance (or appliance and condition) among the selected
 * alerts, each audited by createSilence; the alerts stay on every screen.
 */
export async function silenceAlerts(db: Database, actor: Actor | null, input: unknown, now = new Date()): Promise<SilenceView[]> {
  authorize(actor, "operator");
  const data = parseInput(silenceAlertsSchema, input);
  const alerts = await db.prisma.alert.findMany({ where: { id: { in: data.ids } }, select: { applianceId: true, condition: true } });
  if (alerts.length === 0) throw new NotFoundError("The selected alerts");
  const targets = new Map<string, { applianceId: string; condition?: string }>();
  for (const alert of alerts) {
    const condition = data.scope === "condition" ? alert.condition : undefined;
    targets.set(`${alert.applianceId}:${condition ?? ""}`, { applianceId: alert.applianceId, condition });
  }
  const created: SilenceView[] = [];
  for (const target of targets.values()) {
    created.push(await createSilence(db, actor, { ...target, durationMinutes: data.durationMinutes, reason: data.reason }, now));
  }
  return created;
}
