import type { Actor, TokenRole } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";

/** An actor with no user row behind it, for checks that look only at the role. */
export function actorWith(role: TokenRole, label = `${role}@example.net`): Actor {
  return { kind: role === "collector" ? "token" : "user", id: `test-${role}`, label, role };
}

/** The CLI's actor: an administrator that is not a user in the database. */
export const ADMIN: Actor = { kind: "cli", id: "cli", label: "cli:test", role: "admin" };

export const PASSWORD = "correct horse battery staple";

/** A signed-in administrator as the UI sees one: a real user row. */
export async function createAdminActor(db: Database, email: string): Promise<Actor> {
  const user = await db.prisma.user.create({ data: { email, role: "admin", passwordHash: "not used" } });
  return { kind: "user", id: user.id, label: user.email, role: "admin" };
}
