import { AlertPatternError, compileAlertPatterns } from "@/lib/billing";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit, type AuditEntry } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { leaseProblem } from "@/lib/poller/poll-lease";
import { parseInput } from "@/lib/validation";
import { getSettings, SETTINGS_KEY } from "./internal/get-settings";
import { settingsSchema, type Settings } from "./settings-schema";

const SETTING_NAMES = Object.keys(settingsSchema.shape);

/** A patch names settings to change: an object with known keys, at least one. */
function checkPatchShape(patch: unknown): asserts patch is Record<string, unknown> {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) {
    throw new ValidationError('The body must be an object of the settings to change, e.g. {"pollIntervalSeconds": 300}.');
  }
  const unknown = Object.keys(patch).find((key) => !SETTING_NAMES.includes(key));
  if (unknown !== undefined) throw new ValidationError(`${unknown.slice(0, 100)}: is not a setting`, unknown.slice(0, 100));
  if (Object.keys(patch).length === 0) throw new ValidationError(`Name at least one setting to change (${SETTING_NAMES.join(", ")}).`);
}

/**
 * Applies a partial change to the settings; the result is validated whole
 * before it is stored. `cause` is the act that asked for the change (a click
 * on the alert catalogue), audited in the same transaction.
 */
export async function updateSettings(db: Database, actor: Actor | null, patch: unknown, cause?: Omit<AuditEntry, "actor">): Promise<Settings> {
  authorize(actor, "admin");
  checkPatchShape(patch);
  const current = await getSettings(db);
  const merged = parseInput(settingsSchema.strict(), { ...current, ...patch });
  if (merged.criticalDays >= merged.graceDays) {
    throw new ValidationError("criticalDays: must be less than graceDays", "criticalDays");
  }
  const lease = leaseProblem(merged);
  if (lease) throw new ValidationError(`${lease.field}: ${lease.message}`, lease.field);
  try {
    compileAlertPatterns(merged.alertPatterns);
  } catch (error) {
    if (error instanceof AlertPatternError) {
      throw new ValidationError(`alertPatterns.${error.message}`, `alertPatterns.${error.field}`);
    }
    throw error;
  }
  const value = merged as unknown as Prisma.InputJsonValue;
  await db.prisma.$transaction(async (tx) => {
    await tx.setting.upsert({
      where: { key: SETTINGS_KEY },
      create: { key: SETTINGS_KEY, value, updatedBy: actor.label },
      update: { value, updatedBy: actor.label },
    });
    await recordAudit(tx, { actor, action: "settings.update", result: "ok", detail: patch as Prisma.InputJsonValue });
    if (cause) await recordAudit(tx, { actor, ...cause });
  });
  return merged;
}
