import type { Database } from "@/lib/db";
import { getLogger } from "@/lib/log";
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from "../settings-schema";

export const SETTINGS_KEY = "settings";

/**
 * The stored settings over the defaults; a damaged document falls back to
 * defaults, loudly. Asks nobody's leave: for lib/ and the worker only; app/
 * reads settings through getSettingsFor.
 */
export async function getSettings(db: Database): Promise<Settings> {
  const row = await db.prisma.setting.findUnique({ where: { key: SETTINGS_KEY } });
  if (!row) return DEFAULT_SETTINGS;
  const parsed = settingsSchema.safeParse(row.value);
  if (parsed.success) return parsed.data;
  getLogger().error({ issues: parsed.error.issues.slice(0, 3) }, "stored settings are invalid; using defaults");
  return DEFAULT_SETTINGS;
}
