import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { ConflictError, DetailedAppError, ValidationError } from "@/lib/errors";
import type { Appliance } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { createApplianceSchema } from "./appliance-schemas";
import { NOT_CHECKED, REPORTING_NOT_CHECKED, trustQuestion, type ApplianceCheck } from "./check-wording";
import { registerAppliance } from "./register-appliance";
import { tryAppliance } from "./try-appliance";

export interface AddedAppliance {
  appliance: Appliance;
  check: ApplianceCheck;
}

/** The body without `check`, and whether to try the appliance (default yes). */
function splitCheck(input: unknown): { wantCheck: boolean; rest: unknown } {
  if (typeof input !== "object" || input === null || Array.isArray(input) || !("check" in input)) return { wantCheck: true, rest: input };
  const { check, ...rest } = input as Record<string, unknown>;
  if (typeof check !== "boolean") throw new ValidationError("check: must be true or false", "check");
  return { wantCheck: check, rest };
}

/**
 * Adds an appliance as an operator does it (UI, REST, CLI): a polled one is
 * tried at once (sign-in and local site, at most 10 s) and the answer says what
 * happened. An untrusted certificate stops the add until its fingerprint is
 * pinned (or trust on first use is chosen); any other failure is saved with the
 * appliance, which then goes stale with that reason unless a poll succeeds.
 * `check: false` skips the try (bulk imports: the CSV import never tries).
 */
export async function addAppliance(db: Database, actor: Actor | null, input: unknown): Promise<AddedAppliance> {
  authorize(actor, "admin");
  const { wantCheck, rest } = splitCheck(input);
  const data = parseInput(createApplianceSchema, rest);
  if (data.mode !== "polled") return { appliance: await registerAppliance(db, actor, data), check: REPORTING_NOT_CHECKED };
  if (!wantCheck) return { appliance: await registerAppliance(db, actor, data), check: NOT_CHECKED };

  // A name already taken would be refused after the try: say so without making one.
  if (await db.prisma.appliance.findUnique({ where: { name: data.name }, select: { id: true } })) {
    throw new ConflictError(`An appliance named "${data.name}" already exists.`, "name");
  }
  const check = await tryAppliance(data.kind, {
    url: data.url,
    username: data.username,
    password: data.password,
    authScheme: data.authScheme,
    tlsFingerprintSha256: data.tlsFingerprintSha256 ?? null,
    trustOnFirstUse: data.trustOnFirstUse,
  });
  if (check.ok === false && check.peerFingerprint) {
    throw new DetailedAppError(trustQuestion(check.problem, check.peerFingerprint), 422, "certificate_not_trusted", { check }, "tlsFingerprintSha256");
  }
  const pinNow = check.ok === true && data.trustOnFirstUse && !data.tlsFingerprintSha256 && check.fingerprint;
  const appliance = await registerAppliance(db, actor, pinNow ? { ...data, tlsFingerprintSha256: check.fingerprint } : data);
  if (check.ok === false) {
    // The try was a real attempt: the appliance page says what failed from the start.
    const tried = await db.prisma.appliance.update({
      where: { id: appliance.id },
      data: { lastPollAttemptAt: new Date(), lastPollError: check.message.slice(0, 500), lastPollProblem: check.problem.slice(0, 200) },
    });
    return { appliance: tried, check };
  }
  return { appliance, check };
}
