import { compileAlertPatterns, type BillingSettings, type CompiledAlertPatterns } from "@/lib/billing";
import type { Database } from "@/lib/db";
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
