import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { updateSettings } from "@/lib/settings/update-settings";
import type { Settings } from "@/lib/settings/settings-schema";
import { parseInput } from "@/lib/validation";

export const markAlertKindSchema = z
  .object({
    helpIdentifier: z
      .string({ message: "must be the alert's help identifier, e.g. LIC0012" })
      .trim()
      .regex(/^[A-Za-z0-9_.-]{1,50}$/, "must be the alert's help identifier, e.g. LIC0012"),
    recognisedAs: z.enum(["billing", "disconnection"], { message: "must be billing, disconnection or null" }).nullable(),
  })
  .strict();

export type MarkAlertKind = z.infer<typeof markAlertKindSchema>;

/**
 * Marks a help identifier as a billing or a disconnection alert (or neither) in
 * the alert patterns: one click on the alert catalogue. The next reading of
 * every appliance applies it.
 */
export async function markAlertKind(db: Database, actor: Actor | null, input: unknown): Promise<Settings["alertPatterns"]> {
  authorize(actor, "admin");
  const { helpIdentifier, recognisedAs } = parseInput(markAlertKindSchema, input);
  const id = helpIdentifier.toUpperCase();
  const current = (await getSettings(db)).alertPatterns;
  const without = (list: string[]) => list.filter((entry) => entry.trim().toUpperCase() !== id);
  const alertPatterns = {
    ...current,
    billingHelpIdentifiers: recognisedAs === "billing" ? [...without(current.billingHelpIdentifiers), id] : without(current.billingHelpIdentifiers),
    disconnectionHelpIdentifiers:
      recognisedAs === "disconnection" ? [...without(current.disconnectionHelpIdentifiers), id] : without(current.disconnectionHelpIdentifiers),
  };
  const settings = await updateSettings(
    db,
    actor,
    { alertPatterns },
    { action: "alert-catalog.mark", target: `alert:${id}`, result: "ok", detail: { helpIdentifier: id, recognisedAs } },
  );
  return settings.alertPatterns;
}
