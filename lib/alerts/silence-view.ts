import type { AlertSilence, Appliance } from "@/lib/generated/prisma/client";

export interface SilenceView {
  id: string;
  kind: "silence" | "maintenance";
  appliance: { id: string; name: string } | null;
  tag: string | null;
  condition: string | null;
  startsAt: string;
  endsAt: string;
  reason: string;
  createdBy: string;
  createdAt: string;
  /** Holding notifications now. */
  active: boolean;
}

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
