import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { getSettings } from "./internal/get-settings";
import type { Settings } from "./settings-schema";

/** The settings for a caller who may read them (any signed-in role). */
export async function getSettingsFor(db: Database, actor: Actor | null): Promise<Settings> {
  authorize(actor, "viewer");
  return getSettings(db);
}
