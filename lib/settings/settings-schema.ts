import { z } from "zod";
import { DEFAULT_ALERT_PATTERNS } from "@/lib/billing";
import { alertPatternsSchema } from "@/lib/billing/alert-patterns-schema";
import { DEFAULT_ALERTING_SETTINGS, alertingSettingsSchema } from "@/lib/alerts/alerting-settings";


const endpointSchema = z
  .string()
  .trim()
  .max(255)
  .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, "must be host or host:port, e.g. autologs.zerto.com:443");

/** Operator settings, stored as one JSON document; every field has a default. */
export const settingsSchema = z.object({
  pollIntervalSeconds: z.number().int().min(10, "must be at least 10").max(86_400).default(300),
  /** Random spread added to each appliance's next poll, as a share of the interval. */
  pollJitterRatio: z.number().min(0).max(0.5).default(0.1),
  pollConcurrency: z.number().int().min(1).max(1000).default(64),
  pollTimeoutSeconds: z.number().int().min(2).max(300).default(20),
  pollRetentionHours: z.number().int().min(1).max(24 * 90).default(48),
  graceDays: z.number().int().min(1).max(90).default(15),
  criticalDays: z.number().int().min(0).max(90).default(5),
  staleAfterPolls: z.number().int().min(1).max(100).default(3),
  clockSkewLimitSeconds: z.number().int().min(1).max(86_400).default(60),
  /**
   * Lifeline tests each production appliance's usage transmission itself when it
   * has no proof of success this recent (hours; 0 = off). See scheduled-test-rule.ts.
   */
  autoTestEveryHours: z.number().int().min(0).max(24 * 31).default(24),
  /** How long a reporting appliance's test request waits for its collector. */
  collectorCommandTimeoutSeconds: z.number().int().min(30).max(86_400).default(600),
  alertPatterns: alertPatternsSchema.default(DEFAULT_ALERT_PATTERNS),
  billingEndpoints: z
    .object({
      /** Before Zerto 9.0; the documented host is an example, not a constant. */
      old: z.array(endpointSchema).max(20).default(["autologs.zerto.com:443"]),
      /** From Zerto 9.0; left for the operator to fill in from Zerto's notice. */
      new: z.array(endpointSchema).max(20).default([]),
    })
    .default({ old: ["autologs.zerto.com:443"], new: [] }),
  /** On-call alerting: grouping, reminders, severities, webhook allow-list (lib/alerts). */
  alerting: alertingSettingsSchema.default(DEFAULT_ALERTING_SETTINGS),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});
