import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { findAppliance } from "./find-appliance";

/** Removes an appliance with its poll history and test transmissions. */
export async function removeAppliance(db: Database, actor: Actor | null, idOrName: string): Promise<{ id: string; name: string }> {
  authorize(actor, "admin");
  const appliance = await findAppliance(db, idOrName);
  await db.prisma.appliance.delete({ where: { id: appliance.id } });
  await recordAudit(db, { actor, action: "appliance.remove", target: `appliance:${appliance.name}`, result: "ok" });
  return { id: appliance.id, name: appliance.name };
}
