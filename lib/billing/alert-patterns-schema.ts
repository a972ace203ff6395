import { z } from "zod";

/** The four lists that recognise billing and disconnection alerts, in the order screens show them. */
export const ALERT_PATTERN_LISTS = ["billingHelpIdentifiers", "billingDescriptionPatterns", "disconnectionHelpIdentifiers", "disconnectionDescriptionPatterns"] as const;

const patternListSchema = z.array(z.string().min(1, "must not be empty").max(500, "must be at most 500 characters")).max(50);

/**
 * The one shape of the alert patterns: in Settings, in a collector's config, and in
 * Lifeline's answer to a collector. Whether each pattern compiles is checked by compileAlertPatterns.
 */
export const alertPatternsSchema = z.object({
  billingHelpIdentifiers: patternListSchema,
  billingDescriptionPatterns: patternListSchema,
  disconnectionHelpIdentifiers: patternListSchema,
  disconnectionDescriptionPatterns: patternListSchema,
});

export type AlertPatterns = z.infer<typeof alertPatternsSchema>;
