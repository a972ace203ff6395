import { z } from "zod";
import { ALERT_CONDITIONS, SEVERITIES } from "./conditions";
import { allowListEntrySchema } from "@/lib/channels/target-policy";

const severity = z.enum(SEVERITIES, { message: "must be info, warning or critical" });

/** Severity of each step kind; billing steps within the critical threshold take billingCritical. */
export const severitySettingsSchema = z.object({
  billingFailing: severity.default("warning"),
  billingCritical: severity.default("critical"),
  disconnected: severity.default("critical"),
  stale: severity.default("warning"),
  certificate: severity.default("critical"),
  licence: severity.default("warning"),
  clockSkew: severity.default("warning"),
  /** Before the upgrade: the 9.0 billing endpoint is unreachable from the site. */
  migration: severity.default("warning"),
  /** On 9.0 or later and failing: the billing alert already says so, hence info (no second message by default). */
  migrationBlocked: severity.default("info"),
  billingDay: severity.default("warning"),
});

/** Alerting settings, part of the settings document (lib/settings). */
export const alertingSettingsSchema = z.object({
  /** Events of one condition and step within this window go out as one message per channel. */
  groupWindowSeconds: z.number().int().min(0).max(3_600, "must be at most 3600").default(60),
  /** Days-left reminders while billing fails; each fires once, when the days left first reach it. */
  reminderDays: z
    .array(z.number().int().min(0).max(90))
    .max(10, "at most 10 reminders")
    .refine((days) => new Set(days).size === days.length, "must not repeat a day")
    .default([10, 5, 3, 2, 1]),
  severities: severitySettingsSchema.prefault({}),
  disabledConditions: z.array(z.enum(ALERT_CONDITIONS)).max(ALERT_CONDITIONS.length).default([]),
  /** Webhook targets on private, loopback or link-local addresses that an admin allows (host, IP or CIDR). */
  allowedTargets: z.array(allowListEntrySchema).max(50, "at most 50 entries").default([]),
  deliveryTimeoutSeconds: z.number().int().min(2).max(60).default(10),
  /** A message still undelivered this long after it was queued is given up. */
  deliveryGiveUpHours: z.number().int().min(1).max(168).default(24),
  /** Lifeline's public address, for links in messages; null = no links. */
  publicUrl: z
    .url({ protocol: /^https?$/, message: "must be an http(s) URL such as https://lifeline.example.net" })
    .max(500)
    .nullable()
    .default(null),
});

export type AlertingSettings = z.infer<typeof alertingSettingsSchema>;
export type SeveritySettings = z.infer<typeof severitySettingsSchema>;

export const DEFAULT_ALERTING_SETTINGS: AlertingSettings = alertingSettingsSchema.parse({});
