import crypto from "node:crypto";
import { z } from "zod";
import { listAppliancesQuerySchema } from "@/lib/appliances/list-appliances";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { openTestTransmission } from "./request-test-transmission";

const MAX_BULK = 5_000;

const FILTERS = ["status", "readiness", "tenant", "region", "mode", "q"] as const;

/** The appliance list's filters, or "all": true; a test of the whole fleet is never implied by a missing filter. */
export const bulkTestRequestSchema = z
  .object(
    {
      ...listAppliancesQuerySchema.pick({ status: true, readiness: true, tenant: true, region: true, mode: true, q: true }).shape,
      all: z.literal(true, { message: "must be true (a test transmission for every appliance)" }).optional(),
    },
    { message: `must be an object: a filter (${FILTERS.join(", ")}) or {"all": true}` },
  )
  .strict()
  .superRefine((value, context) => {
    const filtered = FILTERS.some((key) => value[key] !== undefined);
    if (!filtered && !value.all) {
      context.addIssue({ code: "custom", message: `give a filter (${FILTERS.join(", ")}) or "all": true to test every appliance` });
    } else if (filtered && value.all) {
      context.addIssue({ code: "custom", path: ["all"], message: "cannot be combined with a filter" });
    }
  });

/** One request per appliance matching the filter (e.g. status=warning,critical), or every one with {"all": true}, grouped under a bulk id. */
export async function requestBulkTestTransmissions(db: Database, actor: Actor | null, filter: unknown) {
  authorize(actor, "operator");
  const parsed = parseInput(bulkTestRequestSchema, filter);
  const where: Prisma.ApplianceWhereInput = {
    ...(parsed.status ? { billingStatus: { in: parsed.status } } : {}),
    ...(parsed.readiness ? { migrationReadiness: { in: parsed.readiness } } : {}),
    ...(parsed.tenant ? { tenant: parsed.tenant } : {}),
    ...(parsed.region ? { region: parsed.region } : {}),
    ...(parsed.mode ? { mode: parsed.mode } : {}),
    ...(parsed.q ? { name: { contains: parsed.q, mode: "insensitive" } } : {}),
  };
  const appliances = await db.prisma.appliance.findMany({ where, select: { id: true, name: true }, take: MAX_BULK + 1 });
  if (appliances.length > MAX_BULK) {
    throw new ValidationError(`The filter matches more than ${MAX_BULK} appliances; narrow it.`);
  }
  const bulkId = crypto.randomUUID();
  let created = 0;
  for (const appliance of appliances) {
    if ((await openTestTransmission(db, actor, appliance, bulkId)).created) created += 1;
  }
  return { bulkId, matched: appliances.length, created, alreadyOpen: appliances.length - created };
}
