import { compileAlertPatterns, type BillingSettings, type CompiledAlertPatterns } from "@/lib/billing";
import type { Database } from "@/lib/db";
import { getLogger } from "@/lib/log";
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from "./settings-schema";

export const SETTINGS_KEY = "settings";

/**
 * The stored settings over the defaults; a damaged document falls back to defaults, loudly.
 * Checks no caller: for the worker and for verbs that have checked theirs; a caller gets getSettingsFor.
 */
export async function getSettings(db: Database): Promise<Settings> {
  const row = await db.prisma.setting.findUnique({ where: { key: SETTINGS_KEY } });
  if (!row) return DEFAULT_SETTINGS;
  const parsed = settingsSchema.safeParse(row.value);
  if (parsed.success) return parsed.data;
  getLogger().error({ issues: parsed.error.issues.slice(0, 3) }, "stored settings are invalid; using defaults");
  return DEFAULT_SETTINGS;
}

export function billingSettingsOf(settings: Settings): BillingSettings {
  return {
    graceDays: settings.graceDays,
    criticalDays: settings.criticalDays,
    staleAfterSeconds: settings.staleAfterPolls * settings.pollIntervalSeconds,
    clockSkewLimitSeconds: settings.clockSkewLimitSeconds,
  };
}

const compiled = new WeakMap<Settings["alertPatterns"], CompiledAlertPatterns>();

export function alertPatternsOf(settings: Settings): CompiledAlertPatterns {
  let patterns = compiled.get(settings.alertPatterns);
  if (!patterns) {
    patterns = compileAlertPatterns(settings.alertPatterns);
    compiled.set(settings.alertPatterns, patterns);
  }
  return patterns;
}
