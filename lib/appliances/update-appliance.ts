import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { auditedChange } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { ConflictError, isUniqueViolation } from "@/lib/errors";
import type { Appliance, Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { updateApplianceSchema } from "./appliance-schemas";
import { sealPassword } from "./appliance-secrets";
import { findAppliance } from "./internal/find-appliance";
import { columnsOfTags } from "./register-appliance";

export async function updateAppliance(db: Database, actor: Actor | null, idOrName: string, input: unknown): Promise<Appliance> {
  authorize(actor, "admin");
  const data = parseInput(updateApplianceSchema, input);
  const current = await findAppliance(db, idOrName);
  const changes: Prisma.ApplianceUpdateInput = {
    name: data.name,
    kind: data.kind,
    role: data.role,
    mode: data.mode,
    url: data.url,
    username: data.username,
    authScheme: data.authScheme,
    trustOnFirstUse: data.trustOnFirstUse,
    ...(data.password !== undefined ? { passwordSealed: sealPassword(data.password) } : {}),
    ...(data.tags !== undefined ? columnsOfTags(data.tags) : {}),
  };
  if (data.tlsFingerprintSha256 !== undefined) {
    changes.tlsFingerprintSha256 = data.tlsFingerprintSha256;
    changes.tlsCertificateChangedAt = null;
  }
  // Where it is reached or how it signs in changed: learn the scheme again, poll soon,
  // and let scheduled tests try the new account (a 403 on sendUsage was the old one's).
  if (data.url !== undefined || data.username !== undefined || data.password !== undefined || data.authScheme !== undefined) {
    changes.authSchemeDetected = null;
    changes.sendForbiddenAt = null;
    changes.nextPollAt = new Date();
  }
  try {
    const fields = Object.keys(data).filter((key) => key !== "password" || data.password !== undefined);
    return await auditedChange(
      db,
      (tx) => tx.appliance.update({ where: { id: current.id }, data: changes }),
      (updated) => ({ actor, action: "appliance.update", target: `appliance:${updated.name}`, result: "ok", detail: { fields } }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`An appliance named "${data.name}" already exists.`, "name");
    throw error;
  }
}
