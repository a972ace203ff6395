import type { Database } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { Appliance } from "@/lib/generated/prisma/client";
import { CONTROL_CHARACTERS } from "@/lib/validation";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** By id, or by name where a name is given (the CLI); NotFoundError otherwise. */
export async function findAppliance(db: Database, idOrName: string): Promise<Appliance> {
  const missing = new NotFoundError(`Appliance "${idOrName.slice(0, 100).replace(/[\u0000-\u001f\u007f]/g, "?")}"`);
  // No name is that long or holds a control character: nothing to look up.
  if (idOrName.length > 100 || CONTROL_CHARACTERS.test(idOrName)) throw missing;
  const appliance = uuidPattern.test(idOrName)
    ? await db.prisma.appliance.findUnique({ where: { id: idOrName } })
    : await db.prisma.appliance.findUnique({ where: { name: idOrName } });
  if (!appliance) throw missing;
  return appliance;
}
