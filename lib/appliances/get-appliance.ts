import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { billingSettingsOf } from "@/lib/settings/get-settings";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { toApplianceView, type ApplianceView } from "./appliance-view";
import { findAppliance } from "./internal/find-appliance";

/** What the edit form starts from: the view, and the user name it signs in with (never the password). */
export async function getApplianceForEdit(db: Database, actor: Actor | null, idOrName: string, now = new Date()): Promise<{ view: ApplianceView; username: string }> {
  authorize(actor, "admin");
  const [row, settings] = await Promise.all([findAppliance(db, idOrName), getSettings(db)]);
  return { view: toApplianceView(row, billingSettingsOf(settings), now), username: row.username };
}

export async function getApplianceView(db: Database, actor: Actor | null, idOrName: string, now = new Date()): Promise<ApplianceView> {
  authorize(actor, "viewer");
  const [row, settings] = await Promise.all([findAppliance(db, idOrName), getSettings(db)]);
  return toApplianceView(row, billingSettingsOf(settings), now);
}
