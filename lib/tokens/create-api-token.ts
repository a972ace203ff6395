import crypto from "node:crypto";
import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import { TOKEN_ROLES, type Actor, type TokenRole } from "@/lib/auth/roles";
import { auditedChange } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ConflictError, isUniqueViolation } from "@/lib/errors";
import { lineTextSchema, parseInput } from "@/lib/validation";
import { hashToken, TOKEN_PREFIX } from "./token-hash";

export const tokenScopeSchema = z
  .object({
    applianceIds: z.array(z.uuid({ message: "must be appliance ids" })).max(10_000).optional(),
    tags: z.array(lineTextSchema(200)).max(100).optional(),
  })
  .strict();

export const newTokenSchema = z.object({
  name: lineTextSchema(100),
  role: z.enum(TOKEN_ROLES as [string, ...string[]], { message: "must be viewer, operator, admin, collector or metrics" }),
  scope: tokenScopeSchema.optional(),
});

/** Creates a named token. The token is returned once; only its hash is stored. */
export async function createApiToken(db: Database, actor: Actor | null, input: unknown) {
  authorize(actor, "admin");
  const data = parseInput(newTokenSchema, input);
  const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString("base64url")}`;
  try {
    const record = await auditedChange(
      db,
      (tx) =>
        tx.apiToken.create({
          data: {
            name: data.name,
            role: data.role as TokenRole,
            tokenHash: hashToken(token),
            prefix: token.slice(0, TOKEN_PREFIX.length + 6),
            scope: (data.scope ?? undefined) as Prisma.InputJsonValue | undefined,
            createdById: actor.kind === "user" ? actor.id : null,
          },
          select: { id: true, name: true, role: true, prefix: true, createdAt: true, scope: true },
        }),
      (created) => ({ actor, action: "token.create", target: `token:${created.name}`, result: "ok", detail: { role: created.role } }),
    );
    return { token, record };
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`A token named "${data.name}" already exists.`, "name");
    throw error;
  }
}
