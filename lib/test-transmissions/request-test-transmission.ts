import { findAppliance } from "@/lib/appliances/internal/find-appliance";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { auditedChange } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { isUniqueViolation } from "@/lib/errors";
import type { Appliance } from "@/lib/generated/prisma/client";
import { toTestTransmissionView, type TestTransmissionView } from "./test-transmission-view";

/**
 * Asks for a test usage transmission. An appliance has at most one open
 * request: asking again returns that one (created: false), so clicks never stack.
 */
export async function openTestTransmission(
  db: Database,
  actor: Actor,
  appliance: Pick<Appliance, "id" | "name">,
  bulkId: string | null = null,
): Promise<{ transmission: TestTransmissionView; created: boolean }> {
  try {
    const row = await auditedChange(
      db,
      (tx) => tx.testTransmission.create({ data: { applianceId: appliance.id, openKey: appliance.id, bulkId, requestedBy: actor.label } }),
      (created) => ({
        actor,
        action: "test-transmission.request",
        target: `appliance:${appliance.name}`,
        result: "requested",
        detail: { testTransmissionId: created.id, ...(bulkId ? { bulkId } : {}) },
      }),
    );
    return { transmission: toTestTransmissionView(row), created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const open = await db.prisma.testTransmission.findUnique({ where: { openKey: appliance.id } });
    // It finished between our insert and this read: ask again.
    if (!open) return openTestTransmission(db, actor, appliance, bulkId);
    return { transmission: toTestTransmissionView(open), created: false };
  }
}

export async function requestTestTransmission(db: Database, actor: Actor | null, idOrName: string) {
  authorize(actor, "operator");
  return openTestTransmission(db, actor, await findAppliance(db, idOrName));
}
