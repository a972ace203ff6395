import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { acknowledgeAlert } from "./acknowledge-alert";

export const MAX_ALERTS_AT_ONCE = 200;

export const alertIdsSchema = z
  .array(z.uuid({ message: "must be alert ids" }))
  .min(1, "select at least one alert")
  .max(MAX_ALERTS_AT_ONCE, `select at most ${MAX_ALERTS_AT_ONCE} alerts`);

/** Acknowledges each selected alert; one already resolved, or gone, is reported, not fatal. */
export async function acknowledgeAlerts(db: Database, actor: Actor | null, ids: unknown, now = new Date()) {
  authorize(actor, "operator");
  const selected = [...new Set(parseInput(z.object({ ids: alertIdsSchema }), { ids }).ids)];
  const acknowledged: string[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const id of selected) {
    try {
      const view = await acknowledgeAlert(db, actor, id, now);
      acknowledged.push(`${view.conditionLabel} on ${view.appliance.name}`);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      skipped.push({ id, reason: error.message });
    }
  }
  return { acknowledged, skipped };
}
