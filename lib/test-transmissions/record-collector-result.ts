import { z } from "zod";
import { billingViewOf, storedViewColumns } from "@/lib/appliances/appliance-view";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { ForbiddenError, InvalidStateError, ValidationError } from "@/lib/errors";
import { isInScope, parseCollectorScope } from "@/lib/heartbeats/collector-scope";
import { billingSettingsOf } from "@/lib/settings/get-settings";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { parseInput } from "@/lib/validation";
import { collectorLeaseOwner } from "./collector-commands";
import { recordSendResult } from "./record-send-result";
import { TEST_TRANSMISSION_ID_PATTERN } from "./test-transmission-id";
import { toTestTransmissionView, type TestTransmissionView } from "./test-transmission-view";

/** A collector's clock may run a little ahead of ours. */
const CLOCK_TOLERANCE_MS = 5 * 60_000;

export const collectorResultSchema = z
  .object({
    /** error: the collector could not run the test (ZVM unreachable, sign-in refused); says nothing about billing. */
    result: z.enum(["passed", "failed", "error"], { message: "must be passed, failed or error" }),
    detail: z.string({ message: "must be a string" }).max(500, "must be at most 500 characters").optional(),
    /** With result error: forbidden (sendUsage answered 403: the account may not send) or not-found (no such endpoint). */
    reason: z.enum(["forbidden", "not-found"], { message: "must be forbidden or not-found" }).optional(),
    /** When the ZVM answered sendUsage (collector clock). */
    at: z
      .string({ message: "must be an ISO 8601 time with a time zone" })
      .max(40, "must be an ISO 8601 time with a time zone")
      .pipe(z.iso.datetime({ offset: true, message: "must be an ISO 8601 time with a time zone" }))
      .transform((value) => new Date(value)),
  })
  .strict();

/**
 * Stores the outcome a collector reports for a test transmission it was handed.
 * A repeat of the stored outcome answers as before (the collector retries until
 * it hears back); anything else on a finished request is a conflict.
 */
export async function recordCollectorResult(
  db: Database,
  actor: Actor | null,
  id: string,
  input: unknown,
  now = new Date(),
): Promise<TestTransmissionView> {
  authorize(actor, "collector");
  if (!TEST_TRANSMISSION_ID_PATTERN.test(id)) throw new ValidationError("id: must be a test transmission id", "id");
  const data = parseInput(collectorResultSchema, input);
  if (data.reason !== undefined && data.result !== "error") throw new ValidationError("reason: only goes with result error", "reason");
  const transmission = await db.prisma.testTransmission.findUnique({ where: { id }, include: { appliance: true } });
  // Unknown and outside the scope answer alike: a token learns nothing about what it may not see.
  if (!transmission || !isInScope(parseCollectorScope(actor.scope), transmission.appliance)) {
    throw new ForbiddenError("This collector token may not report for that test transmission (it is unknown or outside the token's scope).");
  }
  const { appliance } = transmission;
  if (data.at.getTime() > now.getTime() + CLOCK_TOLERANCE_MS) {
    throw new ValidationError("at: is in the future; check the collector's clock (NTP)", "at");
  }
  if (data.at.getTime() < transmission.requestedAt.getTime() - CLOCK_TOLERANCE_MS) {
    throw new ValidationError("at: is before the test transmission was requested", "at");
  }
  const owner = collectorLeaseOwner(actor);
  const detail = (data.detail ?? data.result).slice(0, 500);
  const settings = await getSettings(db);
  // The result, its evidence and its audit row commit together.
  const finished = await db.prisma.$transaction(async (tx) => {
    const claimed = await tx.testTransmission.updateMany({
      where: { id, status: "running", leaseOwner: owner },
      data: { status: data.result, detail, finishedAt: now, openKey: null, leaseOwner: null, leaseUntil: null },
    });
    if (claimed.count === 0) return false;
    if (data.result !== "error") {
      // Evidence time: when the ZVM answered, never later than now.
      const at = new Date(Math.min(data.at.getTime(), now.getTime()));
      await recordSendResult(tx, appliance.id, data.result, at, "collector");
      const row = await tx.appliance.findUniqueOrThrow({ where: { id: appliance.id } });
      const view = billingViewOf(row, billingSettingsOf(settings), now);
      await tx.appliance.update({ where: { id: appliance.id }, data: storedViewColumns(view, now) });
    }
    if (data.reason === "forbidden") await tx.appliance.update({ where: { id: appliance.id }, data: { sendForbiddenAt: now } });
    await recordAudit(tx, {
      actor,
      action: "test-transmission.result",
      target: `appliance:${appliance.name}`,
      result: data.result,
      detail: { testTransmissionId: id, requestedBy: transmission.requestedBy, detail },
    });
    return true;
  });
  if (!finished) {
    const current = await db.prisma.testTransmission.findUniqueOrThrow({ where: { id } });
    if (current.status === data.result && current.finishedAt) return toTestTransmissionView(current);
    throw new InvalidStateError(
      current.status === "pending" || current.status === "running"
        ? "This test transmission was not handed to this collector."
        : `This test transmission already ended as ${current.status}${current.detail ? ` (${current.detail})` : ""}.`,
    );
  }
  return toTestTransmissionView(await db.prisma.testTransmission.findUniqueOrThrow({ where: { id } }));
}
