import { billingViewOf, storedViewColumns } from "@/lib/appliances/appliance-view";
import { DecryptError } from "@/lib/crypto/secret-box";
import type { Appliance } from "@/lib/generated/prisma/client";
import type { Logger } from "@/lib/log";
import { alertPatternsOf, billingSettingsOf } from "@/lib/settings/get-settings";
import type { Settings } from "@/lib/settings/settings-schema";
import { ZvmError, isZvmError, type ZvmErrorReason } from "@/lib/zvm";
import { alertKindsOf } from "@/lib/alert-catalog/alert-kinds";
import type { SightingReport } from "@/lib/alert-catalog/record-alert-sightings";
import { evidenceFromPollError, evidenceFromSnapshot, localAlertsOfSnapshot, nextPollDelayMs, type EvidenceColumns } from "./evidence-updates";
import type { PollWriter } from "./poll-writer";
import type { SessionCache } from "./session-cache";

export interface PollOutcome {
  ok: boolean;
  durationMs: number;
  error: string | null;
  reason: ZvmErrorReason | null;
}

function asZvmError(error: unknown): ZvmError | null {
  if (isZvmError(error)) return error;
  if (error instanceof DecryptError) {
    return new ZvmError("auth", "the stored credentials cannot be read: LIFELINE_SECRET_KEY changed. Enter the password again.", {
      problem: "stored credentials unreadable (the secret key changed)",
    });
  }
  return null;
}

/** Polls one appliance and hands the outcome (evidence, derived view, schedule, history row) to the writer. */
export async function pollAppliance(options: {
  appliance: Appliance;
  sessions: SessionCache;
  settings: Settings;
  writer: PollWriter;
  log: Logger;
  signal?: AbortSignal;
  now?: () => Date;
}): Promise<PollOutcome> {
  const { appliance, settings, log } = options;
  const now = options.now ?? (() => new Date());
  const started = performance.now();
  const timeout = AbortSignal.timeout(settings.pollTimeoutSeconds * 1000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let evidence: EvidenceColumns;
  let error: string | null = null;
  let sightings: SightingReport | undefined;
  let reason: ZvmErrorReason | null = null;
  try {
    const snapshot = await options.sessions.get(appliance, settings).readSnapshot(signal);
    const readAt = now();
    evidence = evidenceFromSnapshot(appliance, snapshot, alertPatternsOf(settings), readAt);
    sightings = { applianceId: appliance.id, at: readAt, kinds: alertKindsOf(localAlertsOfSnapshot(snapshot, appliance.siteIdentifier)) };
  } catch (caught) {
    const zvmError = timeout.aborted
      ? new ZvmError("timeout", `the ZVM did not answer the whole poll within ${settings.pollTimeoutSeconds} s (the poll timeout).`)
      : asZvmError(caught);
    if (!zvmError) throw caught;
    error = zvmError.message;
    reason = zvmError.reason;
    evidence = evidenceFromPollError(appliance, zvmError, now());
    if (zvmError.reason === "tls-changed") log.warn({ appliance: appliance.name }, "certificate changed; polling paused");
  }
  const at = now();
  const durationMs = Math.round(performance.now() - started);
  const merged = { ...appliance, ...evidence } as Appliance;
  const view = billingViewOf(merged, billingSettingsOf(settings), at);
  const nextPollAt = new Date(at.getTime() + nextPollDelayMs(settings, merged.consecutiveFailures));
  // Stored only while this worker still holds the lease: one whose lease ran out mid-poll must not overwrite a newer poll.
  await options.writer.write({
    applianceId: appliance.id,
    columns: { ...evidence, ...storedViewColumns(view, at), nextPollAt },
    poll: { at, durationMs, ok: error === null, error, billingAlertActive: evidence.billingAlertActive ?? null },
    ...(sightings ? { sightings } : {}),
  });
  return { ok: error === null, durationMs, error, reason };
}
