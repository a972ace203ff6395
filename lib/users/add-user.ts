import { hashPassword } from "@/lib/auth/password";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { auditedChange } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { ConflictError, isUniqueViolation } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { newUserSchema } from "./user-schemas";

export async function addUser(db: Database, actor: Actor | null, input: unknown) {
  authorize(actor, "admin");
  const data = parseInput(newUserSchema, input);
  const passwordHash = await hashPassword(data.password);
  try {
    return await auditedChange(
      db,
      (tx) =>
        tx.user.create({
          data: { email: data.email, name: data.name, role: data.role as "viewer" | "operator" | "admin", passwordHash },
          select: { id: true, email: true, name: true, role: true, createdAt: true },
        }),
      (user) => ({ actor, action: "user.add", target: `user:${user.email}`, result: "ok", detail: { role: user.role } }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`A user with email ${data.email} already exists.`, "email");
    throw error;
  }
}
