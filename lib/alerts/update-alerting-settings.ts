import type { Actor } from "@/lib/auth/roles";
import { authorize } from "@/lib/auth/authorize";
import type { Database } from "@/lib/db";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { updateSettings } from "@/lib/settings/update-settings";
import type { AlertingSettings } from "./alerting-settings";

/**
 * Changes some alerting settings and keeps the others (the settings PATCH
 * replaces the alerting object whole). Validated and audited by updateSettings.
 */
export async function updateAlertingSettings(db: Database, actor: Actor | null, patch: Record<string, unknown>): Promise<AlertingSettings> {
  authorize(actor, "admin");
  const current = (await getSettings(db)).alerting;
  const severities = typeof patch.severities === "object" && patch.severities !== null ? { ...current.severities, ...patch.severities } : current.severities;
  const updated = await updateSettings(db, actor, { alerting: { ...current, ...patch, severities } });
  return updated.alerting;
}
