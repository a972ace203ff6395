import type { Settings } from "@/lib/settings/settings-schema";
import type { SeveritySettings } from "./alerting-settings";
import type { AlertCondition } from "./conditions";

/** What the evaluator needs from the settings. */
export interface AlertRules {
  /** Days-left reminder thresholds. */
  reminderDays: readonly number[];
  /** Billing steps with this many days left or fewer take the billingCritical severity. */
  criticalDays: number;
  severities: SeveritySettings;
  disabled: readonly AlertCondition[];
}

export function alertRulesOf(settings: Settings): AlertRules {
  return {
    reminderDays: settings.alerting.reminderDays,
    criticalDays: settings.criticalDays,
    severities: settings.alerting.severities,
    disabled: settings.alerting.disabledConditions,
  };
}
