import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/auth/roles";
import { recordAudit } from "@/lib/audit/record-audit";
import { getDb, type Database } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { firstAdminSchema } from "./user-schemas";

export class SetupClosedError extends ConflictError {
  constructor() {
    super("An administrator already exists; first-run set-up is closed.");
  }
}

export async function isSetupOpen(db: Database): Promise<boolean> {
  return (await db.prisma.user.count({ where: { role: "admin" } })) === 0;
}

/** The first-run page's one action. Closed for good once an admin exists. */
export async function createFirstAdmin(db: Database, input: unknown): Promise<{ id: string; email: string }> {
  const data = parseInput(firstAdminSchema, input);
  const passwordHash = await hashPassword(data.password);
  const user = await db.prisma.$transaction(async (tx) => {
    // Serialise concurrent first-run submissions: only one can create the admin.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(4242001)`;
    if ((await tx.user.count({ where: { role: "admin" } })) > 0) throw new SetupClosedError();
    const created = await tx.user.create({ data: { email: data.email, name: data.name, role: "admin", passwordHash } });
    const actor: Actor = { kind: "user", id: created.id, label: created.email, role: "admin" };
    await recordAudit(tx, { actor, action: "setup.first-admin", target: `user:${created.email}`, result: "ok" });
    return created;
  });
  return { id: user.id, email: user.email };
}

/** For the first-run and sign-in pages: whether no administrator exists yet. */
export async function firstRunOpen(): Promise<boolean> {
  return isSetupOpen(await getDb());
}

/** The first-run form's action: there is no caller yet, and it closes for good once an admin exists. */
export async function submitFirstAdmin(input: unknown): Promise<{ id: string; email: string }> {
  return createFirstAdmin(await getDb(), input);
}
