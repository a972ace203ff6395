import crypto from "node:crypto";
import type { AlertPatterns } from "@/lib/billing";
import type { Database } from "@/lib/db";
import { billingSettingsOf } from "@/lib/settings/get-settings";
import { getSettings } from "@/lib/settings/internal/get-settings";
import type { Settings } from "@/lib/settings/settings-schema";
import { listOpenCollectorCommands, type OpenCollectorCommand } from "@/lib/test-transmissions/collector-commands";
import { ApplianceAccessLoader, type ApplianceAccess } from "./appliance-access";
import { HeartbeatWriter } from "./heartbeat-writer";
import { TtlCache } from "./ttl-cache";

// What the ingest route keeps per database between requests: the shared writer
// and appliance reader, and the few facts that may be a little old (settings,
// the list of waiting commands), read at most once per TTL.

const SETTINGS_CACHE_MS = 5_000;
/** How soon a new test request can reach its collector, beyond the next heartbeat. */
const COMMANDS_CACHE_MS = 1_000;

export interface IngestState {
  writer: HeartbeatWriter;
  appliances(ids: readonly string[]): Promise<Map<string, ApplianceAccess>>;
  settings(): Promise<Settings>;
  openCommands(): Promise<OpenCollectorCommand[]>;
}

const states = new WeakMap<Database, IngestState>();

export function ingestStateOf(db: Database): IngestState {
  let state = states.get(db);
  if (state) return state;
  const appliances = new ApplianceAccessLoader(db);
  const settings = new TtlCache<"settings", Settings>(SETTINGS_CACHE_MS);
  const commands = new TtlCache<"open", OpenCollectorCommand[]>(COMMANDS_CACHE_MS);
  const cachedSettings = () => settings.get("settings", () => getSettings(db));
  state = {
    writer: new HeartbeatWriter(db, async () => billingSettingsOf(await cachedSettings())),
    appliances: (ids) => appliances.load(ids),
    settings: cachedSettings,
    openCommands: () => commands.get("open", () => listOpenCollectorCommands(db)),
  };
  states.set(db, state);
  return state;
}

const versions = new WeakMap<AlertPatterns, string>();

/** A short fingerprint of the alert patterns, so a collector fetches them only when they change. */
export function alertPatternsVersion(patterns: AlertPatterns): string {
  let version = versions.get(patterns);
  if (!version) {
    version = crypto.createHash("sha256").update(JSON.stringify(patterns)).digest("hex").slice(0, 16);
    versions.set(patterns, version);
  }
  return version;
}
