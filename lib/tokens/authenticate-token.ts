import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { hashToken, TOKEN_PREFIX } from "./token-hash";

const LAST_USED_RESOLUTION_MS = 60_000;

/** The actor behind a bearer token, or null for an unknown or revoked token. */
export async function authenticateToken(db: Database, token: string, now = new Date()): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const record = await db.prisma.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!record || record.revokedAt) return null;
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.prisma.apiToken.update({ where: { id: record.id }, data: { lastUsedAt: now } });
  }
  return { kind: "token", id: record.id, label: `token:${record.name}`, role: record.role, scope: record.scope ?? undefined };
}
