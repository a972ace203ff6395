import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Logger } from "@/lib/log";
import type { SessionCache } from "@/lib/poller/session-cache";
import { getSettings } from "@/lib/settings/internal/get-settings";
import type { WorkerJob } from "@/lib/worker/worker-jobs";
import { isZvmError } from "@/lib/zvm";
import { recordSendResult } from "./record-send-result";
import { scheduleTestTransmissions } from "./schedule-test-transmissions";

const BATCH = 16;
const system: Actor = { kind: "system", id: "worker", label: "system:worker", role: "admin" };

/** Leases pending requests of polled appliances (and running ones whose worker died). */
async function claimTransmissions(db: Database, workerId: string, leaseMs: number, now = new Date()) {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await db.prisma.$queryRaw<{ id: string }[]>`
    UPDATE "TestTransmission" SET status = 'running', "startedAt" = ${now}, "leaseOwner" = ${workerId}, "leaseUntil" = ${leaseUntil}
    WHERE id IN (
      SELECT t.id FROM "TestTransmission" t JOIN "Appliance" a ON a.id = t."applianceId"
      WHERE a.mode = 'polled'
        AND (t.status = 'pending' OR (t.status = 'running' AND t."leaseUntil" < ${now}))
      ORDER BY t."requestedAt"
      LIMIT ${BATCH}
      FOR UPDATE OF t SKIP LOCKED
    )
    RETURNING id::text AS id`;
  if (rows.length === 0) return [];
  return db.prisma.testTransmission.findMany({ where: { id: { in: rows.map((row) => row.id) } }, include: { appliance: true } });
}

async function finish(
  tx: Prisma.TransactionClient,
  id: string,
  workerId: string,
  status: "passed" | "failed" | "error",
  detail: string,
): Promise<boolean> {
  const updated = await tx.testTransmission.updateMany({
    where: { id, leaseOwner: workerId, status: "running" },
    data: { status, detail: detail.slice(0, 500), finishedAt: new Date(), openKey: null, leaseOwner: null, leaseUntil: null },
  });
  return updated.count === 1;
}

/** Runs sendUsage for each claimed request, stores the result as evidence, and polls the appliance again soon. */
export async function runPendingTestTransmissions(options: {
  db: Database;
  workerId: string;
  sessions: SessionCache;
  log: Logger;
  signal: AbortSignal;
}): Promise<number> {
  const { db, workerId, sessions, log } = options;
  const settings = await getSettings(db);
  const timeoutMs = settings.pollTimeoutSeconds * 1000 * 2;
  const claimed = await claimTransmissions(db, workerId, timeoutMs + 30_000);
  await Promise.all(
    claimed.map(async (transmission) => {
      const { appliance } = transmission;
      let status: "passed" | "failed" | "error";
      let detail: string;
      let forbidden = false;
      try {
        const signal = AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]);
        const result = await sessions.get(appliance, settings).sendUsage(signal);
        status = result.result;
        detail = result.detail;
      } catch (error) {
        // Could not reach or sign in to the ZVM: that says nothing about billing.
        status = "error";
        detail = isZvmError(error) ? error.message : "the test could not be run";
        forbidden = isZvmError(error) && error.reason === "forbidden";
        if (!isZvmError(error)) log.error({ err: error, appliance: appliance.name }, "test transmission failed unexpectedly");
      }
      // The result, its evidence and its audit row commit together.
      await db.prisma.$transaction(async (tx) => {
        if (!(await finish(tx, transmission.id, workerId, status, detail))) return;
        if (status !== "error") await recordSendResult(tx, appliance.id, status, new Date(), "test-transmission");
        // A fresh poll picks up the alert state the test changed (the banner clears on success).
        // A 403 means the account may not send: scheduled tests wait for new credentials.
        await tx.appliance.update({
          where: { id: appliance.id },
          data: { nextPollAt: new Date(), ...(forbidden ? { sendForbiddenAt: new Date() } : {}) },
        });
        await recordAudit(tx, {
          actor: system,
          action: "test-transmission.result",
          target: `appliance:${appliance.name}`,
          result: status,
          detail: { testTransmissionId: transmission.id, requestedBy: transmission.requestedBy, detail },
        });
      });
    }),
  );
  return claimed.length;
}

/** Requests of reporting appliances that no collector picked up in time end as errors. */
export async function expireCollectorCommands(db: Database, timeoutSeconds: number, now = new Date()): Promise<number> {
  const result = await db.prisma.testTransmission.updateMany({
    where: {
      appliance: { mode: "reporting" },
      OR: [
        { status: "pending", requestedAt: { lt: new Date(now.getTime() - timeoutSeconds * 1000) } },
        { status: "running", leaseUntil: { lt: now } },
      ],
    },
    data: { status: "error", detail: "collector did not respond", finishedAt: now, openKey: null, leaseOwner: null, leaseUntil: null },
  });
  return result.count;
}

export function createTestTransmissionJobs(sessions: SessionCache): WorkerJob[] {
  return [
    {
      name: "test-transmissions",
      everyMs: 1_000,
      async run({ db, workerId, log, signal }) {
        // Keep going while there is work so a bulk request drains without pauses.
        while (!signal.aborted && (await runPendingTestTransmissions({ db, workerId, sessions, log, signal })) > 0);
      },
    },
    {
      name: "schedule-test-transmissions",
      everyMs: 60_000,
      async run({ db, log }) {
        await scheduleTestTransmissions(db, log);
      },
    },
    {
      name: "expire-collector-commands",
      everyMs: 15_000,
      async run({ db }) {
        await expireCollectorCommands(db, (await getSettings(db)).collectorCommandTimeoutSeconds);
      },
    },
  ];
}
