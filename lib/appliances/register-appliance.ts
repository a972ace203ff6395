import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { auditedChange } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { ConflictError, isUniqueViolation } from "@/lib/errors";
import type { Appliance } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { createApplianceSchema, type CreateApplianceInput } from "./appliance-schemas";
import { sealPassword } from "./appliance-secrets";

export function columnsOfTags(tags: CreateApplianceInput["tags"]) {
  return { tenant: tags.tenant ?? null, region: tags.region ?? null, vcenter: tags.vcenter ?? null, tags: tags.labels ?? [] };
}

/** Adds an appliance; a polled one is due for its first poll at once. */
export async function registerAppliance(db: Database, actor: Actor | null, input: unknown): Promise<Appliance> {
  authorize(actor, "admin");
  const data = parseInput(createApplianceSchema, input);
  try {
    return await auditedChange(
      db,
      (tx) =>
        tx.appliance.create({
          data: {
            name: data.name,
            kind: data.kind,
            role: data.role,
            mode: data.mode,
            url: data.url,
            username: data.username,
            passwordSealed: sealPassword(data.password),
            authScheme: data.authScheme,
            tlsFingerprintSha256: data.tlsFingerprintSha256 ?? null,
            trustOnFirstUse: data.trustOnFirstUse,
            ...columnsOfTags(data.tags),
            nextPollAt: new Date(),
          },
        }),
      (appliance) => ({ actor, action: "appliance.add", target: `appliance:${appliance.name}`, result: "ok" }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(`An appliance named "${data.name}" already exists.`, "name");
    throw error;
  }
}
