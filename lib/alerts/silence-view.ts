import { z } from "zod";
import type { AlertSilence, Appliance } from "@/lib/generated/prisma/client";

const isoTime = z.iso.datetime();

/** A silence or maintenance window as screens and the REST API show it; the OpenAPI document's shape is generated from this schema. */
export const silenceViewSchema = z.object({
  id: z.uuid(),
  kind: z.enum(["silence", "maintenance"]),
  appliance: z.object({ id: z.string(), name: z.string() }).nullable(),
  tag: z.string().nullable(),
  condition: z.string().nullable(),
  startsAt: isoTime,
  endsAt: isoTime,
  reason: z.string(),
  createdBy: z.string(),
  createdAt: isoTime,
  /** Holding notifications now. */
  active: z.boolean().describe("holding notifications now"),
}) satisfies z.ZodType<{ kind: AlertSilence["kind"] }>;

export type SilenceView = z.infer<typeof silenceViewSchema>;

export function toSilenceView(row: AlertSilence & { appliance: Pick<Appliance, "id" | "name"> | null }, now: Date): SilenceView {
  return {
    id: row.id,
    kind: row.kind,
    appliance: row.appliance ? { id: row.appliance.id, name: row.appliance.name } : null,
    tag: row.tag,
    condition: row.condition,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    active: row.startsAt.getTime() <= now.getTime() && now.getTime() < row.endsAt.getTime(),
  };
}
