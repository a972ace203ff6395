import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { auditedChange } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { InvalidStateError } from "@/lib/errors";
import { findAppliance } from "./internal/find-appliance";

/** Makes a polled appliance due now; the worker polls it within a second or two. */
export async function requestPoll(db: Database, actor: Actor | null, idOrName: string): Promise<{ id: string; name: string }> {
  authorize(actor, "operator");
  const appliance = await findAppliance(db, idOrName);
  if (appliance.mode !== "polled") {
    throw new InvalidStateError(`${appliance.name} reports through a collector; it cannot be polled from here.`);
  }
  await auditedChange(
    db,
    (tx) => tx.appliance.update({ where: { id: appliance.id }, data: { nextPollAt: new Date() } }),
    () => ({ actor, action: "appliance.poll-now", target: `appliance:${appliance.name}`, result: "requested" }),
  );
  return { id: appliance.id, name: appliance.name };
}
