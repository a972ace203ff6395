import { getServerSession } from "next-auth";
import { getDb, type Database } from "@/lib/db";
import { authenticateToken } from "@/lib/tokens/authenticate-token";
import { getAuthOptions } from "./auth-options";
import { isUserRole, type Actor } from "./roles";

/**
 * The user behind the session cookie, re-read from the database on every
 * request so a disabled user or a changed role takes effect at once.
 */
export async function sessionActor(db: Database): Promise<Actor | null> {
  const session = (await getServerSession(getAuthOptions())) as { uid?: string } | null;
  if (!session?.uid) return null;
  const user = await db.prisma.user.findUnique({ where: { id: session.uid } });
  if (!user || user.disabled || !isUserRole(user.role)) return null;
  return { kind: "user", id: user.id, label: user.email, role: user.role };
}

/** For server actions: the database and the user behind the session (null when signed out); verbs check the role. */
export async function sessionCaller(): Promise<{ db: Database; actor: Actor | null }> {
  const db = await getDb();
  return { db, actor: await sessionActor(db) };
}

/** A bearer token when the request carries one, otherwise the session. */
export async function requestActor(db: Database, request: Request): Promise<Actor | null> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return match ? authenticateToken(db, match[1]) : null;
  }
  // No cookie, no session: answer 401 without asking next-auth.
  if (!request.headers.get("cookie")) return null;
  return sessionActor(db);
}
