import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import type { Appliance } from "@/lib/generated/prisma/client";
import { billingSettingsOf } from "@/lib/settings/get-settings";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { toApplianceView, type ApplianceView } from "./appliance-view";

/** The view of a row just written by a verb, for the answer to that verb (to a caller who may read it). */
export async function writtenApplianceView(db: Database, actor: Actor | null, row: Appliance, now = new Date()): Promise<ApplianceView> {
  authorize(actor, "viewer");
  return toApplianceView(row, billingSettingsOf(await getSettings(db)), now);
}
