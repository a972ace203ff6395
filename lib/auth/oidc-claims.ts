import type { OidcConfig } from "./oidc-config";
import { USER_ROLES, type UserRole } from "./roles";

// What Lifeline reads from an identity provider's claims: who the user is, and
// which role their groups give. Pure, so every rule has a table-driven test.

type Claims = Record<string, unknown>;

/** Why single sign-on refused someone; each has a sentence on the refusal page. */
export type OidcRefusal =
  | "no-groups-claim"
  | "groups-overage"
  | "no-mapped-group"
  | "no-email"
  | "email-taken"
  | "disabled";

export type GroupsReading = { ok: true; groups: string[] } | { ok: false; refusal: "no-groups-claim" | "groups-overage" };

const MAX_GROUPS = 2_000;

function claimAt(claims: Claims, path: string): unknown {
  // A whole name first: namespaced claims such as https://example.net/groups hold dots.
  if (path in claims) return claims[path];
  let value: unknown = claims;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    value = (value as Claims)[part];
  }
  return value;
}

/**
 * The user's groups from the configured claim: a list of names or ids, or one
 * string for a single group. Entra ID leaves the groups out of the token when a
 * user is in too many ("overage", marked in _claim_names): that is said as such.
 */
export function readGroupsClaim(claims: Claims, claim: string): GroupsReading {
  const value = claimAt(claims, claim);
  if (value === undefined || value === null) {
    const names = claims._claim_names;
    const overage = typeof names === "object" && names !== null && claim in names;
    return { ok: false, refusal: overage || claims.hasgroups === true ? "groups-overage" : "no-groups-claim" };
  }
  const list = Array.isArray(value) ? value : [value];
  const groups = list
    .slice(0, MAX_GROUPS)
    .filter((item): item is string | number => typeof item === "string" || typeof item === "number")
    .map((item) => String(item).trim())
    .filter(Boolean);
  return { ok: true, groups };
}

export type RoleDecision = { ok: true; role: UserRole; matched: string[] } | { ok: false; refusal: OidcRefusal };

/** The highest role any of the user's groups maps to. Group names match exactly, as the provider sends them. */
export function decideOidcRole(claims: Claims, config: Pick<OidcConfig, "groupsClaim" | "groups">): RoleDecision {
  const reading = readGroupsClaim(claims, config.groupsClaim);
  if (!reading.ok) return reading;
  const held = new Set(reading.groups);
  for (const role of [...USER_ROLES].reverse()) {
    const matched = config.groups[role].filter((group) => held.has(group));
    if (matched.length > 0) return { ok: true, role, matched };
  }
  return { ok: false, refusal: "no-mapped-group" };
}

const text = (value: unknown, max: number) =>
  typeof value === "string" && value.trim() !== "" ? value.trim().slice(0, max) : null;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  name: string | null;
}

/**
 * Who signed in. Entra ID often sends no `email` claim: then the user principal
 * name (preferred_username or upn) stands in when it has the shape of an address.
 */
export function identityOf(claims: Claims, issuer: string): OidcIdentity {
  const email =
    [claims.email, claims.preferred_username, claims.upn]
      .map((value) => text(value, 254)?.toLowerCase() ?? null)
      .find((value): value is string => value !== null && emailPattern.test(value)) ?? null;
  const joined = [text(claims.given_name, 60), text(claims.family_name, 60)].filter(Boolean).join(" ");
  return {
    issuer: text(claims.iss, 2000) ?? issuer,
    subject: String(claims.sub ?? ""),
    email,
    name: text(claims.name, 120) ?? (joined || null),
  };
}

/**
 * The ID token's claims, with the userinfo answer laid over them when it is
 * needed: providers that keep groups or email out of the ID token (or send
 * them only at userinfo) still work. The subject must be the same person.
 */
export function mergeUserinfo(idClaims: Claims, userinfo: Claims | null): Claims {
  if (!userinfo) return idClaims;
  if (userinfo.sub !== idClaims.sub) throw new Error("userinfo answered for another subject than the ID token");
  const merged: Claims = { ...idClaims };
  for (const [name, value] of Object.entries(userinfo)) {
    if (!["iss", "aud", "exp", "iat", "nonce", "sub"].includes(name)) merged[name] = value;
  }
  return merged;
}

/** Whether the ID token lacks what sign-in needs, so userinfo must be asked. */
export function needsUserinfo(idClaims: Claims, groupsClaim: string): boolean {
  return claimAt(idClaims, groupsClaim) === undefined || identityOf(idClaims, "").email === null;
}
