import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { auditedChange } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { findAppliance } from "./internal/find-appliance";

/**
 * Removes an appliance with its poll history and test transmissions (its
 * compliance history stays). From a screen, `confirmName` must repeat the
 * appliance's name exactly, so one stray click removes nothing.
 */
export async function removeAppliance(
  db: Database,
  actor: Actor | null,
  idOrName: string,
  options: { confirmName?: string } = {},
): Promise<{ id: string; name: string }> {
  authorize(actor, "admin");
  const appliance = await findAppliance(db, idOrName);
  if (options.confirmName !== undefined && options.confirmName.trim() !== appliance.name) {
    throw new ValidationError(`confirmName: type the name "${appliance.name}" exactly to remove it`, "confirmName");
  }
  await auditedChange(
    db,
    (tx) => tx.appliance.delete({ where: { id: appliance.id } }),
    () => ({
      actor,
      action: "appliance.remove",
      target: `appliance:${appliance.name}`,
      result: "ok",
      detail: { id: appliance.id, url: appliance.url, tenant: appliance.tenant, region: appliance.region, confirmedByName: options.confirmName !== undefined },
    }),
  );
  return { id: appliance.id, name: appliance.name };
}
