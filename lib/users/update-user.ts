import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import { USER_ROLES, type Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { InvalidStateError, NotFoundError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

const updateUserSchema = z.object({
  id: z.uuid({ message: "must be a user id" }),
  role: z.enum(USER_ROLES as [string, ...string[]], { message: "must be viewer, operator or admin" }).optional(),
  disabled: z.boolean().optional(),
});

/** Changes a user's role or disables them; the last active admin cannot be demoted or disabled. */
export async function updateUser(db: Database, actor: Actor | null, input: unknown) {
  authorize(actor, "admin");
  const data = parseInput(updateUserSchema, input);
  const updated = await db.prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(4242001)`;
    const user = await tx.user.findUnique({ where: { id: data.id } });
    if (!user) throw new NotFoundError("The user");
    const losesAdmin = user.role === "admin" && !user.disabled && ((data.role && data.role !== "admin") || data.disabled);
    if (losesAdmin) {
      const admins = await tx.user.count({ where: { role: "admin", disabled: false } });
      if (admins <= 1) throw new InvalidStateError("This is the last active administrator; add another first.");
    }
    const changed = await tx.user.update({
      where: { id: data.id },
      data: { role: data.role as "viewer" | "operator" | "admin" | undefined, disabled: data.disabled },
      select: { id: true, email: true, role: true, disabled: true },
    });
    await recordAudit(tx, {
      actor,
      action: "user.update",
      target: `user:${changed.email}`,
      result: "ok",
      detail: { role: changed.role, disabled: changed.disabled },
    });
    return changed;
  });
  return updated;
}
