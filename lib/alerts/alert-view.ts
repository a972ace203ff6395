import type { Alert, AlertSilence, Appliance } from "@/lib/generated/prisma/client";
import { tagsOf } from "@/lib/appliances/appliance-view";
import { CONDITION_LABELS, isAlertCondition, type Severity } from "./conditions";
import { heldUntil } from "./matching";

/** An alert as screens and the REST API show it. Times are ISO 8601 UTC. */
export interface AlertView {
  id: string;
  condition: string;
  conditionLabel: string;
  dedupKey: string;
  severity: Severity;
  status: "open" | "acknowledged" | "resolved";
  step: string;
  summary: string;
  appliance: { id: string; name: string; tenant: string | null; region: string | null };
  openedAt: string;
  lastEventAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  /** Notifications are held by a silence or maintenance window until then; the alert still shows. */
  silencedUntil: string | null;
}

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
