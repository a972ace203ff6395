import { z } from "zod";
import { tagMatcherSchema } from "@/lib/channels/channel-schemas";
import { lineTextSchema } from "@/lib/validation";
import { ALERT_CONDITIONS } from "./conditions";

const MAX_DAYS = 90;

const instant = z.iso.datetime({ offset: true, message: "must be an ISO 8601 time such as 2026-12-01T22:00:00Z" });

export const createSilenceSchema = z
  .object({
    kind: z.enum(["silence", "maintenance"], { message: "must be silence or maintenance" }).default("silence"),
    applianceId: z.uuid({ message: "must be an appliance id" }).nullable().optional(),
    tag: tagMatcherSchema.nullable().optional(),
    condition: z.enum(ALERT_CONDITIONS, { message: `must be one of ${ALERT_CONDITIONS.join(", ")}` }).nullable().optional(),
    /** A silence starts now unless told otherwise; a maintenance window needs its start. */
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    durationMinutes: z.number().int().min(1, "must be at least 1").max(MAX_DAYS * 24 * 60, `must be at most ${MAX_DAYS} days`).optional(),
    reason: lineTextSchema(500),
  })
  .strict()
  .superRefine((value, context) => {
    if (!value.applianceId && !value.tag && !value.condition) {
      context.addIssue({ code: "custom", path: ["applianceId"], message: "name an appliance, a tag or a condition to silence" });
    }
    if (value.kind === "maintenance" && !value.startsAt) {
      context.addIssue({ code: "custom", path: ["startsAt"], message: "is required for a maintenance window" });
    }
    if ((value.endsAt === undefined) === (value.durationMinutes === undefined)) {
      context.addIssue({ code: "custom", path: ["endsAt"], message: "give either endsAt or durationMinutes" });
    }
  });

export type CreateSilenceInput = z.input<typeof createSilenceSchema>;

export const SILENCE_MAX_MS = MAX_DAYS * 86_400_000;
