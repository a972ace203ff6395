import { z } from "zod";
import type { Alert, AlertSilence, Appliance } from "@/lib/generated/prisma/client";
import { tagsOf } from "@/lib/appliances/appliance-view";
import { CONDITION_LABELS, isAlertCondition, SEVERITIES, type Severity } from "./conditions";
import { heldUntil } from "./matching";

const isoTime = z.iso.datetime();

/** An alert as screens and the REST API show it. Times are ISO 8601 UTC; the OpenAPI document's shape is generated from this schema. */
export const alertViewSchema = z.object({
  id: z.uuid(),
  condition: z.string(),
  conditionLabel: z.string(),
  dedupKey: z.string().describe("appliance:<id>:<condition>; PagerDuty's dedup_key"),
  severity: z.enum(SEVERITIES),
  status: z.enum(["open", "acknowledged", "resolved"]),
  step: z.string(),
  summary: z.string(),
  appliance: z.object({ id: z.string(), name: z.string(), tenant: z.string().nullable(), region: z.string().nullable() }),
  openedAt: isoTime,
  lastEventAt: isoTime,
  acknowledgedAt: isoTime.nullable(),
  acknowledgedBy: z.string().nullable(),
  resolvedAt: isoTime.nullable(),
  resolvedBy: z.string().nullable(),
  /** Notifications are held by a silence or maintenance window until then; the alert still shows. */
  silencedUntil: isoTime.nullable().describe("notifications are held by a silence or maintenance window until then"),
}) satisfies z.ZodType<{ severity: Severity; status: Alert["status"] }>;

export type AlertView = z.infer<typeof alertViewSchema>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export type AlertRow = Alert & { appliance: Pick<Appliance, "id" | "name" | "tenant" | "region" | "vcenter" | "tags"> };

export const alertApplianceSelect = { id: true, name: true, tenant: true, region: true, vcenter: true, tags: true } as const;

export function toAlertView(row: AlertRow, activeSilences: readonly AlertSilence[], now: Date): AlertView {
  const held =
    row.status === "resolved"
      ? null
      : heldUntil(activeSilences, { applianceId: row.applianceId, tags: tagsOf(row.appliance), condition: row.condition }, now);
  return {
    id: row.id,
    condition: row.condition,
    conditionLabel: isAlertCondition(row.condition) ? CONDITION_LABELS[row.condition] : row.condition,
    dedupKey: row.dedupKey,
    severity: row.severity,
    status: row.status,
    step: row.step,
    summary: row.summary,
    appliance: { id: row.appliance.id, name: row.appliance.name, tenant: row.appliance.tenant, region: row.appliance.region },
    openedAt: row.openedAt.toISOString(),
    lastEventAt: row.lastEventAt.toISOString(),
    acknowledgedAt: iso(row.acknowledgedAt),
    acknowledgedBy: row.acknowledgedBy,
    resolvedAt: iso(row.resolvedAt),
    resolvedBy: row.resolvedBy,
    silencedUntil: iso(held),
  };
}
