import { z } from "zod";
import { alertPatternsSchema } from "@/lib/billing/alert-patterns-schema";

/** What Lifeline answers a heartbeat batch: counts, refusals, commands and, when they changed, its alert patterns. */
export const heartbeatAnswerSchema = z.object({
  accepted: z.number().optional(),
  duplicates: z.number().optional(),
  rejected: z.array(z.object({ index: z.number(), error: z.string() }).loose()).optional(),
  commands: z.array(z.unknown()).optional(),
  alertPatterns: z.object({ version: z.string().max(100), patterns: alertPatternsSchema }).optional(),
});

export type HeartbeatAnswer = z.infer<typeof heartbeatAnswerSchema>;

export const collectorCommandSchema = z.object({
  type: z.literal("test-transmission"),
  id: z.uuid(),
  applianceId: z.uuid(),
});
