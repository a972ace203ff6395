import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { auditedChange } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Revokes a token by id or name; revoking twice is harmless. */
export async function revokeApiToken(db: Database, actor: Actor | null, idOrName: string) {
  authorize(actor, "admin");
  const where = uuidPattern.test(idOrName) ? { id: idOrName } : { name: idOrName };
  const token = await db.prisma.apiToken.findFirst({ where });
  if (!token) throw new NotFoundError(`Token "${idOrName}"`);
  const revoked = await auditedChange(
    db,
    async (tx) => (token.revokedAt ? token : tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } })),
    () => ({ actor, action: "token.revoke", target: `token:${token.name}`, result: "ok" }),
  );
  return { id: revoked.id, name: revoked.name, revokedAt: revoked.revokedAt };
}
