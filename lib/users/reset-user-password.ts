import crypto from "node:crypto";
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import { hashPassword, passwordSchema } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/roles";
import { auditedChange } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

const resetPasswordSchema = z.object({
  id: z.uuid({ message: "must be a user id" }),
  /** The new password; without one, a random one is made and handed back once. */
  password: passwordSchema.optional(),
});

/** An admin sets a user's password (typed, or generated and shown once); audited, the password never logged. */
export async function resetUserPassword(db: Database, actor: Actor | null, input: unknown): Promise<{ email: string; generated: string | null }> {
  authorize(actor, "admin");
  const data = parseInput(resetPasswordSchema, input);
  const generated = data.password === undefined ? crypto.randomBytes(15).toString("base64url") : null;
  const passwordHash = await hashPassword(data.password ?? (generated as string));
  const user = await db.prisma.user.findUnique({ where: { id: data.id }, select: { id: true, email: true, role: true } });
  if (!user || user.role === "collector") throw new NotFoundError("The user");
  await auditedChange(
    db,
    (tx) => tx.user.update({ where: { id: user.id }, data: { passwordHash } }),
    () => ({ actor, action: "user.reset-password", target: `user:${user.email}`, result: "ok", detail: { generated: generated !== null } }),
  );
  return { email: user.email, generated };
}
