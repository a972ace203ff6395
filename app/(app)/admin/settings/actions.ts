"use server";

import { revalidatePath } from "next/cache";
import { sessionCaller } from "@/lib/auth/current-actor";
import { ALERT_PATTERN_LISTS } from "@/lib/billing/alert-patterns-schema";
import { runAction, type ActionState } from "@/lib/http/action-state";
import { updateSettings } from "@/lib/settings/update-settings";

const NUMBER_SETTINGS = [
  "pollIntervalSeconds",
  "pollConcurrency",
  "pollTimeoutSeconds",
  "pollRetentionHours",
  "graceDays",
  "criticalDays",
  "staleAfterPolls",
  "clockSkewLimitSeconds",
  "collectorCommandTimeoutSeconds",
  "pollJitterRatio",
  "autoTestEveryHours",
] as const;

const lines = (form: FormData, name: string) =>
  String(form.get(name) ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The settings form as a patch; updateSettings validates the whole result and names a bad field. */
export async function updateSettingsAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const patch: Record<string, unknown> = {};
    for (const name of NUMBER_SETTINGS) {
      const raw = String(form.get(name) ?? "").trim();
      if (raw !== "") patch[name] = Number(raw);
    }
    patch.alertPatterns = Object.fromEntries(ALERT_PATTERN_LISTS.map((name) => [name, lines(form, `alertPatterns.${name}`)]));
    patch.billingEndpoints = { old: lines(form, "billingEndpoints.old"), new: lines(form, "billingEndpoints.new") };
    await updateSettings(db, actor, patch);
    revalidatePath("/admin/settings");
    return "Settings saved; the worker uses them from its next round.";
  });
}
