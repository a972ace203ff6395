import crypto from "node:crypto";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { openTestTransmission } from "@/lib/test-transmissions/request-test-transmission";
import { billingDayIds, billingDayUntestedSql } from "./billing-day-risk";

export const MAX_BILLING_DAY_TESTS = 5_000;

/**
 * A test transmission for every appliance that sends usage without a send proven
 * in 24 h (at risk or unproven), under one bulk id whose progress
 * GET /api/v1/test-transmissions/bulk/{bulkId} reports.
 */
export async function requestBillingDayTests(db: Database, actor: Actor | null, now = new Date()) {
  authorize(actor, "operator");
  const appliances = await billingDayIds(db, billingDayUntestedSql(now), MAX_BILLING_DAY_TESTS + 1);
  if (appliances.length > MAX_BILLING_DAY_TESTS) {
    throw new ValidationError(`More than ${MAX_BILLING_DAY_TESTS} appliances have no proven send; test them by tenant or region from the API.`);
  }
  if (appliances.length === 0) throw new ValidationError("Every appliance that sends usage has proven a send in the last 24 hours: nothing to test.");
  const bulkId = crypto.randomUUID();
  let created = 0;
  for (const appliance of appliances) {
    if ((await openTestTransmission(db, actor, appliance, bulkId)).created) created += 1;
  }
  // Each request wrote its own audit row with it; this row sums them up.
  await recordAudit(db.prisma, {
    actor,
    action: "test-transmission.bulk-billing-day",
    target: `bulk:${bulkId}`,
    result: "requested",
    detail: { matched: appliances.length, created },
  });
  return { bulkId, matched: appliances.length, created, alreadyOpen: appliances.length - created };
}
