import { decideOidcRole, identityOf, readGroupsClaim, type OidcRefusal } from "@/lib/auth/oidc-claims";
import type { OidcConfig } from "@/lib/auth/oidc-config";
import type { Actor, UserRole } from "@/lib/auth/roles";
import { recordAudit, type AuditClient } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { isUniqueViolation } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getLogger } from "@/lib/log";
import type { SignedInUser } from "./verify-sign-in";

export type OidcSignInResult = { ok: true; user: SignedInUser; created: boolean } | { ok: false; refusal: OidcRefusal };

/**
 * A user the identity provider vouched for (ID token checked by next-auth:
 * signature, issuer, audience, nonce; PKCE and state on the way): created on
 * the first sign-in, given the role their groups map to on every sign-in, or
 * refused. An active account that holds the same email is never taken over
 * (the provider would then decide the role of a break-glass administrator); one
 * an administrator disabled is: it becomes this user, its history kept.
 */
export async function signInWithOidc(
  db: Database,
  config: Pick<OidcConfig, "issuer" | "groupsClaim" | "groups">,
  claims: Record<string, unknown>,
  now = new Date(),
): Promise<OidcSignInResult> {
  const identity = identityOf(claims, config.issuer);
  const decision = decideOidcRole(claims, config);
  const existing = await db.prisma.user.findUnique({
    where: { oidcIssuer_oidcSubject: { oidcIssuer: identity.issuer, oidcSubject: identity.subject } },
  });
  const label = existing?.email ?? identity.email ?? `sso:${identity.subject}`;
  const refuse = async (refusal: OidcRefusal): Promise<OidcSignInResult> => {
    const reading = readGroupsClaim(claims, config.groupsClaim);
    await audit(db.prisma, { id: existing?.id ?? "", label, role: "viewer" }, "denied", {
      reason: refusal,
      subject: identity.subject,
      ...(reading.ok ? { groups: reading.groups.slice(0, 20) } : {}),
    });
    getLogger().info({ user: label, reason: refusal }, "single sign-on refused");
    return { ok: false, refusal };
  };

  if (!decision.ok) return refuse(decision.refusal);
  if (existing?.disabled) return refuse("disabled");
  const role = decision.role;

  if (existing) {
    // The provider's email may move on; it follows when no other user holds it.
    const email =
      identity.email && identity.email !== existing.email && !(await emailTaken(db, identity.email)) ? identity.email : existing.email;
    const user = await db.prisma.$transaction(async (tx) => {
      const updated = await tx.user.update({
        where: { id: existing.id },
        data: { role, email, name: identity.name ?? existing.name, lastSignInAt: now },
      });
      await audit(tx, { id: updated.id, label: updated.email, role }, "ok", {
        role,
        ...(existing.role !== role ? { previousRole: existing.role } : {}),
        groups: decision.matched,
      });
      return updated;
    });
    return { ok: true, created: false, user: signedIn(user, role) };
  }

  if (!identity.email) return refuse("no-email");
  const holder = await db.prisma.user.findUnique({ where: { email: identity.email } });
  if (holder && !holder.disabled) return refuse("email-taken");
  const data = {
    email: identity.email,
    name: identity.name ?? holder?.name ?? null,
    role,
    // No password: this user signs in only through the provider.
    passwordHash: "",
    disabled: false,
    oidcIssuer: identity.issuer,
    oidcSubject: identity.subject,
    lastSignInAt: now,
  };
  try {
    const user = await db.prisma.$transaction(async (tx) => {
      const written = holder ? await tx.user.update({ where: { id: holder.id, disabled: true }, data }) : await tx.user.create({ data });
      await audit(tx, { id: written.id, label: written.email, role }, "ok", {
        role,
        ...(holder ? { tookOverDisabledAccount: true, previousRole: holder.role } : { created: true }),
        groups: decision.matched,
      });
      return written;
    });
    return { ok: true, created: !holder, user: signedIn(user, role) };
  } catch (error) {
    // Two first sign-ins at once: the other one created the user; sign in as it.
    if (isUniqueViolation(error) && (await emailTaken(db, identity.email, identity))) return signInWithOidc(db, config, claims, now);
    if (isUniqueViolation(error)) return refuse("email-taken");
    throw error;
  }
}

function signedIn(user: { id: string; email: string; name: string | null }, role: UserRole): SignedInUser {
  return { id: user.id, email: user.email, name: user.name, role };
}

/** Whether another user holds the email; with `self`, whether that user is this provider's subject. */
async function emailTaken(db: Database, email: string, self?: { issuer: string; subject: string }): Promise<boolean> {
  const holder = await db.prisma.user.findUnique({ where: { email }, select: { oidcIssuer: true, oidcSubject: true } });
  if (!holder) return false;
  return self ? holder.oidcIssuer === self.issuer && holder.oidcSubject === self.subject : true;
}

function audit(client: AuditClient, who: { id: string; label: string; role: UserRole }, result: "ok" | "denied", detail: Prisma.InputJsonObject) {
  const actor: Actor = { kind: "user", id: who.id, label: who.label, role: who.role };
  return recordAudit(client, { actor, action: "sso.sign-in", target: `user:${who.label}`, result, detail });
}
