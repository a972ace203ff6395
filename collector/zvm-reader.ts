import type { Logger } from "pino";
import type { HeartbeatInput } from "@/lib/heartbeats/heartbeat-schema";
import { createZvmSession, isZvmError, type ZvmSession } from "@/lib/zvm";
import type { AlertPatternState } from "./alert-pattern-state";
import type { CollectorConfig, ZvmConfig } from "./collector-config";
import type { CollectorStats } from "./collector-stats";
import { heartbeatFromSnapshot } from "./heartbeat-from-snapshot";
import type { ResultBody } from "./outbox";

/** A ZVM's words as Lifeline stores them: no control characters or lone surrogates (Lifeline refuses NUL), at most 500 characters. */
export function storableDetail(text: string): string {
  return text
    .slice(0, 500)
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

export interface ZvmReader {
  /** The watched ZVM with this appliance id, if any. */
  find(applianceId: string): ZvmConfig | undefined;
  /** One reading as a heartbeat; null (counted and logged) when the ZVM cannot be read. */
  read(zvm: ZvmConfig, reachability?: "reachable" | "unreachable"): Promise<HeartbeatInput | null>;
  /** Runs the ZVM's test usage transmission and words the outcome as Lifeline stores it. */
  sendUsage(zvm: ZvmConfig): Promise<ResultBody>;
  close(): Promise<void>;
}

/** One signed-in session per watched ZVM, each remembering its site identifier between readings. */
export function createZvmReader(config: CollectorConfig, patterns: AlertPatternState, stats: CollectorStats, log: Logger): ZvmReader {
  const timeoutMs = config.zvmTimeoutSeconds * 1000;
  const sessions = new Map<string, ZvmSession>(
    config.zvms.map((zvm) => [
      zvm.applianceId,
      createZvmSession(
        {
          url: zvm.url,
          username: zvm.username,
          password: zvm.password,
          authScheme: zvm.authScheme,
          tlsFingerprintSha256: zvm.tlsFingerprintSha256,
          trustOnFirstUse: false,
        },
        { connectTimeoutMs: 5_000, requestTimeoutMs: timeoutMs },
      ),
    ]),
  );
  const zvmsById = new Map(config.zvms.map((zvm) => [zvm.applianceId, zvm]));
  /** Each ZVM's site identifier as last read, for a reading whose local site could not be read. */
  const siteIdentifiers = new Map<string, string>();

  return {
    find: (applianceId) => zvmsById.get(applianceId.toLowerCase()),
    async read(zvm, reachability) {
      try {
        const snapshot = await sessions.get(zvm.applianceId)!.readSnapshot(AbortSignal.timeout(timeoutMs));
        const siteIdentifier = snapshot.localSite?.siteIdentifier ?? siteIdentifiers.get(zvm.applianceId) ?? null;
        if (siteIdentifier !== null) siteIdentifiers.set(zvm.applianceId, siteIdentifier);
        return heartbeatFromSnapshot(zvm.applianceId, snapshot, patterns.compiled, new Date(), reachability, siteIdentifier);
      } catch (error) {
        stats.readFailures += 1;
        // No heartbeat: Lifeline shows the appliance stale, as for a polled one that cannot be read.
        log.warn({ zvm: zvm.name, err: isZvmError(error) ? error.message : String(error) }, "could not read ZVM");
        return null;
      }
    },
    async sendUsage(zvm) {
      try {
        const outcome = await sessions.get(zvm.applianceId)!.sendUsage(AbortSignal.timeout(timeoutMs * 2));
        return { result: outcome.result, detail: storableDetail(outcome.detail), at: new Date().toISOString() };
      } catch (error) {
        // Could not reach or sign in to the ZVM: that says nothing about billing.
        const reason = isZvmError(error) && (error.reason === "forbidden" || error.reason === "not-found") ? error.reason : undefined;
        return {
          result: "error",
          detail: storableDetail(isZvmError(error) ? error.message : "the test could not be run"),
          at: new Date().toISOString(),
          ...(reason ? { reason } : {}),
        };
      }
    },
    async close() {
      await Promise.allSettled([...sessions.values()].map((session) => session.close()));
    },
  };
}
