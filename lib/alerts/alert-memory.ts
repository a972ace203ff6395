import { z } from "zod";
import { ALERT_CONDITIONS, ALERT_STEPS, SEVERITIES } from "./conditions";

// What the evaluator remembers per appliance between evaluations: one entry
// per condition while it holds. Stored as JSON in AlertState.memory.

const conditionMemorySchema = z.object({
  /** When the condition was first seen (ISO). */
  since: z.string(),
  step: z.enum(ALERT_STEPS),
  severity: z.enum(SEVERITIES),
  /** Billing: the lowest reminder threshold already covered by a message; null = none yet. */
  covered: z.number().nullable().optional(),
  /** Billing: whether the disconnect has been announced. */
  disconnected: z.boolean().optional(),
});

export const alertMemorySchema = z.object({
  conditions: z.partialRecord(z.enum(ALERT_CONDITIONS), conditionMemorySchema).default({}),
  /** The billing day (ISO) whose "at risk" alert already fired: at most one per billing day. */
  billingDayDone: z.string().nullable().default(null),
});

export type ConditionMemory = z.infer<typeof conditionMemorySchema>;
export type AlertMemory = z.infer<typeof alertMemorySchema>;

export const EMPTY_MEMORY: AlertMemory = Object.freeze({ conditions: {}, billingDayDone: null }) as AlertMemory;

/** Stored memory, or empty memory when it is missing or unreadable (then every holding condition fires afresh). */
export function parseAlertMemory(value: unknown): AlertMemory {
  const parsed = alertMemorySchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : { conditions: {}, billingDayDone: null };
}
