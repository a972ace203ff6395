import { z } from "zod";
import { parseInput } from "@/lib/validation";

// How long a silence lasts, as the screens ask for it: a preset, or a number of
// minutes, hours or days. The verb takes minutes (createSilenceSchema caps them).

export const SILENCE_PRESETS = [
  { minutes: 60, label: "1 hour" },
  { minutes: 240, label: "4 hours" },
  { minutes: 1_440, label: "1 day" },
  { minutes: 10_080, label: "7 days" },
] as const;

export const DURATION_UNITS = { minutes: 1, hours: 60, days: 1_440 } as const;
export type DurationUnit = keyof typeof DURATION_UNITS;

const durationFormSchema = z.discriminatedUnion("preset", [
  z.object({ preset: z.literal("custom"), amount: z.coerce.number().positive("must be more than 0").max(100_000, "is too large"), unit: z.enum(["minutes", "hours", "days"], { message: "must be minutes, hours or days" }) }),
  z.object({ preset: z.enum(SILENCE_PRESETS.map((preset) => String(preset.minutes)) as [string, ...string[]], { message: "must be a listed duration or custom" }) }),
]);

/** Minutes from the form's fields: `durationMinutes` (a preset or "custom"), `durationAmount`, `durationUnit`. */
export function silenceMinutesOf(fields: { preset: unknown; amount?: unknown; unit?: unknown }): number {
  const parsed = parseInput(durationFormSchema, { preset: fields.preset, amount: fields.amount, unit: fields.unit });
  if ("amount" in parsed) return Math.round(parsed.amount * DURATION_UNITS[parsed.unit]);
  return Number(parsed.preset);
}
