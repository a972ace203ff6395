import type { Database } from "@/lib/db";
import { getLogger } from "@/lib/log";
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from "../settings-schema";

export const SETTINGS_KEY = "settings";

const READ = `SELECT value::text AS value FROM "Setting" WHERE key = $1`;

// The worker reads the settings every second and every page reads them: the
// document is read each time (a change from any process applies at once) but
// parsed only when its text changed.
const parsed = new WeakMap<Database, { text: string; settings: Settings }>();

/**
 * The stored settings over the defaults; a damaged document falls back to
 * defaults, loudly. Asks nobody's leave: for lib/ and the worker only; app/
 * reads settings through getSettingsFor.
 */
export async function getSettings(db: Database): Promise<Settings> {
  const [row] = await db.sql.query<{ value: string }>(READ, [SETTINGS_KEY], "lifeline-settings");
  if (!row) return DEFAULT_SETTINGS;
  const known = parsed.get(db);
  if (known?.text === row.value) return known.settings;
  const result = settingsSchema.safeParse(JSON.parse(row.value));
  if (!result.success) {
    getLogger().error({ issues: result.error.issues.slice(0, 3) }, "stored settings are invalid; using defaults");
    return DEFAULT_SETTINGS;
  }
  parsed.set(db, { text: row.value, settings: result.data });
  return result.data;
}
