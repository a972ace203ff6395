import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import type { Appliance } from "@/lib/generated/prisma/client";
import { evidenceFromSnapshot } from "@/lib/poller/evidence-updates";
import { sessionTimeoutsOf } from "@/lib/poller/session-cache";
import { alertPatternsOf, billingSettingsOf } from "@/lib/settings/get-settings";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { createZvmSession, isZvmError, type ZvmSnapshot } from "@/lib/zvm";
import { CAPTURE_FORMAT, capturedExchange, type CapturedExchange, type ZvmCapture } from "@/lib/zvm/capture";
import { billingViewOf } from "./appliance-view";
import { findAppliance } from "./internal/find-appliance";
import { zvmTargetOf } from "./zvm-target";

/**
 * Reads an appliance's ZVM once, as the poller does, and returns every
 * exchange (status, headers, body) with credentials, tokens and the licence key
 * redacted: a real site as a test fixture (`npm run simulator -- --replay`).
 * `expected` holds what Lifeline concluded from this reading alone, for a
 * maintainer to check and correct before it becomes a fixture.
 */
export async function captureAppliance(db: Database, actor: Actor | null, idOrName: string, now = () => new Date()): Promise<ZvmCapture> {
  authorize(actor, "admin");
  const appliance = await findAppliance(db, idOrName);
  const settings = await getSettings(db);
  const exchanges: CapturedExchange[] = [];
  const basePath = new URL(appliance.url).pathname;
  const session = createZvmSession(zvmTargetOf(appliance), {
    ...sessionTimeoutsOf(settings),
    now,
    onExchange: (exchange) => {
      if (exchange.method !== "DELETE") exchanges.push(capturedExchange(exchange, basePath));
    },
  });
  const capturedAt = now();
  let snapshot: ZvmSnapshot | null = null;
  let failure: string | null = null;
  try {
    snapshot = await session.readSnapshot(AbortSignal.timeout(settings.pollTimeoutSeconds * 1000));
  } catch (error) {
    if (!isZvmError(error)) throw error;
    failure = error.message;
  } finally {
    await session.close();
  }
  // A capture changes nothing: its audit row stands alone.
  await recordAudit(db.prisma, {
    actor,
    action: "appliance.capture",
    target: `appliance:${appliance.name}`,
    result: failure === null ? "ok" : "failed",
    detail: { exchanges: exchanges.length, ...(failure ? { error: failure } : {}) },
  });
  return {
    format: CAPTURE_FORMAT,
    note:
      `Captured from ${appliance.name} by ${actor.label} with Lifeline. Passwords, client secrets, sessions, ` +
      `bearer tokens and the licence key are redacted.${failure ? ` The reading failed: ${failure}` : ""}`,
    capturedAt: capturedAt.toISOString(),
    authScheme: session.authScheme,
    exchanges,
    ...(snapshot ? { expected: expectedOf(appliance, snapshot, settings, capturedAt) } : { expected: { pollError: failure } }),
  };
}

/** What Lifeline reads from this one reading, as if it were the appliance's first. */
function expectedOf(
  appliance: Appliance,
  snapshot: ZvmSnapshot,
  settings: Awaited<ReturnType<typeof getSettings>>,
  at: Date,
): Record<string, unknown> {
  const blank = {
    version9SeenAt: null,
    lastBillingAlertSeenAt: null,
    tlsFingerprintSha256: appliance.tlsFingerprintSha256,
    trustOnFirstUse: false,
    siteIdentifier: null,
    billingAlertActive: null,
    billingAlertTurnedOn: null,
    disconnectionAlertActive: null,
    disconnectionAlertTurnedOn: null,
  };
  const evidence = evidenceFromSnapshot(blank, snapshot, alertPatternsOf(settings), at);
  const row = { ...appliance, ...blank, ...evidence, lastSuccessfulSendAt: null, firstFailureAfterSuccessAt: null, newEndpointReachability: null } as Appliance;
  const view = billingViewOf(row, billingSettingsOf(settings), at);
  return {
    billingStatus: view.billingStatus,
    daysUntilDisconnect: view.daysUntilDisconnect,
    failingSince: view.failingSince?.toISOString() ?? null,
    migrationReadiness: view.migrationReadiness,
    licenceClass: view.licenceClass,
    vraConnectionAlerts: evidence.vraConnectionAlerts ?? null,
    warnings: snapshot.warnings.length,
  };
}
