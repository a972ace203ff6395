import { AlertPatternError, compileAlertPatterns } from "@/lib/billing";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { getSettings, SETTINGS_KEY } from "./get-settings";
import { settingsSchema, type Settings } from "./settings-schema";

/** Applies a partial change to the settings; the result is validated whole before it is stored. */
export async function updateSettings(db: Database, actor: Actor | null, patch: unknown): Promise<Settings> {
  authorize(actor, "admin");
  const current = await getSettings(db);
  const merged = parseInput(settingsSchema.strict(), { ...current, ...(patch as object) });
  if (merged.criticalDays >= merged.graceDays) {
    throw new ValidationError("criticalDays: must be less than graceDays", "criticalDays");
  }
  try {
    compileAlertPatterns(merged.alertPatterns);
  } catch (error) {
    if (error instanceof AlertPatternError) {
      throw new ValidationError(`alertPatterns.${error.message}`, `alertPatterns.${error.field}`);
    }
    throw error;
  }
  const value = merged as unknown as Prisma.InputJsonValue;
  await db.prisma.setting.upsert({
    where: { key: SETTINGS_KEY },
    create: { key: SETTINGS_KEY, value, updatedBy: actor.label },
    update: { value, updatedBy: actor.label },
  });
  await recordAudit(db, { actor, action: "settings.update", result: "ok", detail: patch as Prisma.InputJsonValue });
  return merged;
}
