import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { TEST_TRANSMISSION_ID_PATTERN } from "./test-transmission-id";
import { toTestTransmissionView } from "./test-transmission-view";

/** One test transmission by id. */
export async function getTestTransmission(db: Database, actor: Actor | null, id: string) {
  authorize(actor, "viewer");
  if (!TEST_TRANSMISSION_ID_PATTERN.test(id)) throw new ValidationError("id: must be a test transmission id", "id");
  const row = await db.prisma.testTransmission.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("The test transmission");
  return toTestTransmissionView(row);
}
