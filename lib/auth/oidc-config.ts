import type { Env } from "@/lib/env";
import type { UserRole } from "./roles";

/** next-auth's id for the provider: the redirect URL ends in /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown as "Sign in with <name>". */
  name: string;
  scopes: string;
  /** A claim name, or a dotted path into nested claims (Keycloak's realm_access.roles). */
  groupsClaim: string;
  groups: Record<UserRole, readonly string[]>;
}

/** Single sign-on as the settings configure it, or null when it is off. lib/env.ts has checked the set is complete. */
export function oidcConfigOf(env: Env): OidcConfig | null {
  if (!env.LIFELINE_OIDC_ISSUER || !env.LIFELINE_OIDC_CLIENT_ID || !env.LIFELINE_OIDC_CLIENT_SECRET) return null;
  return {
    issuer: env.LIFELINE_OIDC_ISSUER.replace(/\/+$/, ""),
    clientId: env.LIFELINE_OIDC_CLIENT_ID,
    clientSecret: env.LIFELINE_OIDC_CLIENT_SECRET,
    name: env.LIFELINE_OIDC_NAME,
    scopes: env.LIFELINE_OIDC_SCOPES.split(/\s+/).filter(Boolean).join(" "),
    groupsClaim: env.LIFELINE_OIDC_GROUPS_CLAIM,
    groups: {
      viewer: env.LIFELINE_OIDC_VIEWER_GROUPS ?? [],
      operator: env.LIFELINE_OIDC_OPERATOR_GROUPS ?? [],
      admin: env.LIFELINE_OIDC_ADMIN_GROUPS ?? [],
    },
  };
}

/** Whether a local (email and password) account of this role may sign in. */
export function isLocalSignInAllowed(env: Pick<Env, "LIFELINE_LOCAL_SIGNIN">, role: UserRole): boolean {
  return env.LIFELINE_LOCAL_SIGNIN === "all" || role === "admin";
}
