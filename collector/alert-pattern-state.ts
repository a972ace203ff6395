import fs from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";
import { compileAlertPatterns, DEFAULT_ALERT_PATTERNS, type AlertPatterns, type CompiledAlertPatterns } from "@/lib/billing";
import type { CollectorConfig } from "./collector-config";
import { heartbeatAnswerSchema } from "./lifeline-answer";
import type { LifelineClient } from "./lifeline-client";

const PATTERNS_FILE = "alert-patterns.json";

export interface AlertPatternState {
  compiled: CompiledAlertPatterns;
  /** The x-lifeline-alert-patterns header: the version held, "" for none, null when the config overrides. */
  header(): string | null;
  adopt(version: string, patterns: AlertPatterns): Promise<void>;
  /** Asks Lifeline once at start (an empty batch), so the first readings use its patterns. */
  fetchIfNeeded(client: LifelineClient): Promise<void>;
}

/**
 * The config's patterns when it has some; otherwise the ones Lifeline hands out
 * (kept beside the queue for restarts while Lifeline is down), Zerto's defaults
 * until then.
 */
export async function loadAlertPatternState(config: CollectorConfig, log: Logger): Promise<AlertPatternState> {
  const file = path.join(config.queue.directory, PATTERNS_FILE);
  let version: string | null = null;
  let compiled = compileAlertPatterns(config.alertPatterns ?? DEFAULT_ALERT_PATTERNS);
  if (!config.alertPatterns) {
    try {
      const stored = JSON.parse(await fs.readFile(file, "utf8")) as { version: string; patterns: AlertPatterns };
      compiled = compileAlertPatterns(stored.patterns);
      version = stored.version;
    } catch {
      // None stored yet, or unreadable: the defaults until Lifeline sends its own.
    }
  }
  const state: AlertPatternState = {
    get compiled() {
      return compiled;
    },
    header: () => (config.alertPatterns ? null : (version ?? "")),
    async adopt(nextVersion, patterns) {
      if (config.alertPatterns || nextVersion === version) return;
      try {
        compiled = compileAlertPatterns(patterns);
      } catch (error) {
        log.error({ err: (error as Error).message }, "Lifeline sent alert patterns that do not compile; keeping the current ones");
        return;
      }
      version = nextVersion;
      await fs.writeFile(file, JSON.stringify({ version, patterns }), { mode: 0o600 });
      log.info({ version }, "using Lifeline's alert patterns");
    },
    async fetchIfNeeded(client) {
      if (config.alertPatterns) return;
      try {
        const answer = await client.postHeartbeats([], version ?? "");
        const parsed = heartbeatAnswerSchema.safeParse(answer.body);
        if (answer.status === 200 && parsed.success && parsed.data.alertPatterns) {
          await state.adopt(parsed.data.alertPatterns.version, parsed.data.alertPatterns.patterns);
        } else if (answer.status === 401 || answer.status === 403) {
          log.error({ status: answer.status }, "Lifeline refused the collector token; check lifeline.token");
        }
      } catch (error) {
        log.warn({ err: (error as Error).message }, "Lifeline unreachable at start; using the alert patterns held");
      }
    },
  };
  return state;
}
