import { compileAlertPatterns, type BillingSettings, type CompiledAlertPatterns } from "@/lib/billing";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { getSettings } from "./internal/get-settings";
import type { Settings } from "./settings-schema";

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

/** The settings for a caller who may read them (any signed-in role). */
export async function readSettings(db: Database, actor: Actor | null): Promise<Settings> {
  authorize(actor, "viewer");
  return getSettings(db);
}
