import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { billingSettingsOf, getSettings } from "@/lib/settings/get-settings";
import { toApplianceView, type ApplianceView } from "./appliance-view";
import { findAppliance } from "./find-appliance";

export async function getApplianceView(db: Database, actor: Actor | null, idOrName: string, now = new Date()): Promise<ApplianceView> {
  authorize(actor, "viewer");
  const [row, settings] = await Promise.all([findAppliance(db, idOrName), getSettings(db)]);
  return toApplianceView(row, billingSettingsOf(settings), now);
}
