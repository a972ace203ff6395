import type { Database } from "@/lib/db";
import type { Appliance } from "@/lib/generated/prisma/client";
import { billingSettingsOf, getSettings } from "@/lib/settings/get-settings";
import { toApplianceView, type ApplianceView } from "./appliance-view";

/** The view of a row just written by a verb, for the answer to that verb. */
export async function writtenApplianceView(db: Database, row: Appliance, now = new Date()): Promise<ApplianceView> {
  return toApplianceView(row, billingSettingsOf(await getSettings(db)), now);
}
