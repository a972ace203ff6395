export type UserRole = "viewer" | "operator" | "admin";
export type TokenRole = UserRole | "collector" | "metrics";

export const USER_ROLES: readonly UserRole[] = ["viewer", "operator", "admin"];
export const TOKEN_ROLES: readonly TokenRole[] = ["viewer", "operator", "admin", "collector", "metrics"];

const rank: Record<UserRole, number> = { viewer: 1, operator: 2, admin: 3 };

export interface Actor {
  kind: "user" | "token" | "cli" | "system";
  id: string;
  /** Shown in the audit log: an email, a token name, or cli:<os user>. */
  label: string;
  role: TokenRole;
  /** For collector tokens: the appliances or tags it may report for. */
  scope?: unknown;
}

/** Collectors and metrics scrapers are not part of the viewer < operator < admin ladder. */
export function hasRole(actor: Pick<Actor, "role">, needed: TokenRole): boolean {
  if (!isUserRole(needed) || !isUserRole(actor.role)) return actor.role === needed;
  return rank[actor.role] >= rank[needed];
}

export function isUserRole(role: TokenRole): role is UserRole {
  return role in rank;
}
