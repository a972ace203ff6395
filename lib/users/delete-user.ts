import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { InvalidStateError, NotFoundError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

const deleteUserSchema = z.object({ id: z.uuid({ message: "must be a user id" }) });

/**
 * Deletes a user (their API tokens stay, without an owner). The last active
 * administrator cannot be deleted, and nobody deletes their own account here.
 */
export async function deleteUser(db: Database, actor: Actor | null, id: string): Promise<{ email: string }> {
  authorize(actor, "admin");
  parseInput(deleteUserSchema, { id });
  if (actor.kind === "user" && actor.id === id) throw new InvalidStateError("You cannot delete your own account; another administrator can.");
  const deleted = await db.prisma.$transaction(async (tx) => {
    // The same lock as role changes: two admins deleting each other cannot both succeed.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(4242001)`;
    const user = await tx.user.findUnique({ where: { id } });
    if (!user || user.role === "collector") throw new NotFoundError("The user");
    if (user.role === "admin" && !user.disabled) {
      const admins = await tx.user.count({ where: { role: "admin", disabled: false } });
      if (admins <= 1) throw new InvalidStateError("This is the last active administrator; add another first.");
    }
    await tx.user.delete({ where: { id } });
    await recordAudit(tx, { actor, action: "user.delete", target: `user:${user.email}`, result: "ok", detail: { role: user.role } });
    return user;
  });
  return { email: deleted.email };
}
