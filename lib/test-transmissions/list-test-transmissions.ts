import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { findAppliance } from "@/lib/appliances/internal/find-appliance";
import type { Database } from "@/lib/db";
import { toTestTransmissionView } from "./test-transmission-view";

/** An appliance's newest test transmissions, by appliance id or name (checked only once the caller may read). */
export async function listTestTransmissions(db: Database, actor: Actor | null, idOrName: string, limit = 20) {
  authorize(actor, "viewer");
  const appliance = await findAppliance(db, idOrName);
  const rows = await db.prisma.testTransmission.findMany({
    where: { applianceId: appliance.id },
    orderBy: { requestedAt: "desc" },
    take: limit,
  });
  return rows.map(toTestTransmissionView);
}
