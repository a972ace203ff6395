import crypto from "node:crypto";
import { toApplianceView } from "@/lib/appliances/appliance-view";
import type { Database } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Logger } from "@/lib/log";
import { billingSettingsOf } from "@/lib/settings/get-settings";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { parseAlertMemory } from "./alert-memory";
import { alertRulesOf } from "./alert-rules";
import { actionOf, dedupKeyOf } from "./conditions";
import { MAX_IDLE_MS, evaluateAppliance, type AlertEventDraft } from "./evaluate-appliance";

type Tx = Prisma.TransactionClient;

// A batch holds its appliances' AlertState rows (FOR UPDATE SKIP LOCKED) for one
// transaction: workers share the fleet, no appliance is evaluated twice at once, and
// its events commit with its new memory, so a step never fires twice.

const UPDATE_STATES = `
UPDATE "AlertState" s SET
  memory = v.memory,
  "seenUpdatedAt" = v.seen,
  "evaluatedAt" = $2::timestamptz,
  "nextDueAt" = v.due
FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, memory jsonb, seen timestamptz, due timestamptz)
WHERE s."applianceId" = v.id`;

/** Gives every appliance its evaluator memory, due at once. */
export async function ensureAlertStates(db: Database): Promise<void> {
  await db.prisma.$executeRaw`
    INSERT INTO "AlertState" ("applianceId", memory, "nextDueAt")
    SELECT a.id, '{}'::jsonb, now() FROM "Appliance" a
    WHERE NOT EXISTS (SELECT 1 FROM "AlertState" s WHERE s."applianceId" = a.id)
    ON CONFLICT DO NOTHING`;
}

const UPDATE_ALERTS = `
UPDATE "Alert" a SET
  step = v.step,
  severity = v.severity::"AlertSeverity",
  summary = v.summary,
  "lastEventAt" = $2::timestamptz
FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, step text, severity text, summary text)
WHERE a.id = v.id`;

interface Step {
  applianceId: string;
  draft: AlertEventDraft;
}

/**
 * Opens, moves or resolves the alerts of a batch's new steps and adds the events,
 * in a few statements whatever the size: a firewall change fails hundreds at once.
 */
async function recordSteps(tx: Tx, steps: Step[], now: Date): Promise<void> {
  if (steps.length === 0) return;
  const keyOf = (step: Step) => dedupKeyOf(step.applianceId, step.draft.condition);
  const open = new Map(
    (await tx.alert.findMany({ where: { openKey: { in: steps.map(keyOf) } }, select: { id: true, openKey: true } })).map((alert) => [alert.openKey!, alert.id]),
  );
  const created: Prisma.AlertCreateManyInput[] = [];
  const moved: { id: string; step: string; severity: string; summary: string }[] = [];
  const resolved = new Map<string, string[]>();
  const events: Prisma.AlertEventCreateManyInput[] = [];
  for (const step of steps) {
    const { draft } = step;
    const dedupKey = keyOf(step);
    const summary = draft.summary.slice(0, 2000);
    let alertId = open.get(dedupKey);
    if (actionOf(draft.step) === "resolve") {
      if (!alertId) continue;
      resolved.set(draft.step, [...(resolved.get(draft.step) ?? []), alertId]);
    } else if (alertId) {
      moved.push({ id: alertId, step: draft.step, severity: draft.severity, summary });
    } else {
      alertId = crypto.randomUUID();
      created.push({ id: alertId, applianceId: step.applianceId, condition: draft.condition, dedupKey, openKey: dedupKey, severity: draft.severity, step: draft.step, summary, openedAt: now, lastEventAt: now });
    }
    events.push({ alertId, condition: draft.condition, step: draft.step, severity: draft.severity, summary, detail: draft.detail as unknown as Prisma.InputJsonValue, createdAt: now });
  }
  if (created.length > 0) await tx.alert.createMany({ data: created });
  if (moved.length > 0) await tx.$executeRawUnsafe(UPDATE_ALERTS, JSON.stringify(moved), now.toISOString());
  for (const [step, ids] of resolved) {
    await tx.alert.updateMany({ where: { id: { in: ids } }, data: { status: "resolved", openKey: null, resolvedAt: now, resolvedBy: "lifeline", step, lastEventAt: now } });
  }
  if (events.length > 0) await tx.alertEvent.createMany({ data: events });
}

export interface EvaluateOptions {
  now?: Date;
  batchSize?: number;
  log?: Logger;
}

/** Evaluates everything due; returns how many appliances were evaluated. */
export async function evaluateDueAppliances(db: Database, options: EvaluateOptions = {}): Promise<number> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 500;
  const settings = await getSettings(db);
  const billing = billingSettingsOf(settings);
  const rules = alertRulesOf(settings);
  await ensureAlertStates(db);
  let total = 0;
  for (;;) {
    const evaluated = await db.prisma.$transaction(
      async (tx) => {
        const due = await tx.$queryRaw<{ applianceId: string; memory: unknown }[]>`
          SELECT s."applianceId"::text AS "applianceId", s.memory
          FROM "AlertState" s JOIN "Appliance" a ON a.id = s."applianceId"
          WHERE s."seenUpdatedAt" IS DISTINCT FROM a."updatedAt" OR s."nextDueAt" <= ${now}
          ORDER BY s."nextDueAt"
          LIMIT ${batchSize}
          FOR UPDATE OF s SKIP LOCKED`;
        if (due.length === 0) return 0;
        const memories = new Map(due.map((row) => [row.applianceId, parseAlertMemory(row.memory)]));
        const appliances = await tx.appliance.findMany({ where: { id: { in: [...memories.keys()] } } });
        const states: { id: string; memory: unknown; seen: string; due: string }[] = [];
        const steps: Step[] = [];
        for (const appliance of appliances) {
          const memory = memories.get(appliance.id)!;
          try {
            const evaluation = evaluateAppliance(memory, toApplianceView(appliance, billing, now), now, rules);
            for (const draft of evaluation.events) steps.push({ applianceId: appliance.id, draft });
            states.push({ id: appliance.id, memory: evaluation.memory, seen: appliance.updatedAt.toISOString(), due: evaluation.nextDueAt.toISOString() });
          } catch (error) {
            // One unreadable appliance must not stall the batch: keep its memory, look again later.
            options.log?.error({ err: error, appliance: appliance.name }, "alert evaluation failed");
            states.push({ id: appliance.id, memory, seen: appliance.updatedAt.toISOString(), due: new Date(now.getTime() + MAX_IDLE_MS).toISOString() });
          }
        }
        await recordSteps(tx, steps, now);
        if (states.length > 0) await tx.$executeRawUnsafe(UPDATE_STATES, JSON.stringify(states), now.toISOString());
        return due.length;
      },
      { maxWait: 30_000, timeout: 120_000 },
    );
    total += evaluated;
    if (evaluated < batchSize) return total;
  }
}
