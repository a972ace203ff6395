import type { Account, Profile, User } from "next-auth";
import type { Provider } from "next-auth/providers/index";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { signInWithOidc } from "@/lib/users/sign-in-with-oidc";
import { OIDC_PROVIDER_ID, isLocalSignInAllowed, oidcConfigOf } from "./oidc-config";
import { createOidcProvider } from "./oidc-provider";
import type { UserRole } from "./roles";
import { localSignInOffMessage } from "./sign-in-messages";

/** The single sign-on provider when it is configured, for next-auth's list. */
export function oidcProviders(): Provider[] {
  const config = oidcConfigOf(getEnv());
  return config ? [createOidcProvider(config)] : [];
}

/** Where a refused single sign-on lands: a page that says why, in words. */
export function refusalPath(reason: string): string {
  return `/signin/refused?reason=${encodeURIComponent(reason)}`;
}

/**
 * next-auth's signIn callback for the provider: creates or updates the user
 * from the verified claims, or refuses with a redirect to the refusal page.
 * Without a database adapter next-auth hands this same `user` object to the jwt
 * callback, so it leaves here as Lifeline's user (id and role).
 */
export async function acceptOidcSignIn({
  user,
  account,
  profile,
}: {
  user: User;
  account: Account | null;
  profile?: Profile;
}): Promise<true | string> {
  if (account?.provider !== OIDC_PROVIDER_ID) return true;
  const config = oidcConfigOf(getEnv());
  if (!config || !profile) return refusalPath("no-groups-claim");
  const result = await signInWithOidc(await getDb(), config, profile as Record<string, unknown>);
  if (!result.ok) return refusalPath(result.refusal);
  Object.assign(user, { id: result.user.id, email: result.user.email, name: result.user.name, role: result.user.role });
  return true;
}

/** With LIFELINE_LOCAL_SIGNIN=admins, passwords are break-glass: they sign in administrators alone. */
export function localSignInRefusal(role: UserRole): string | null {
  const env = getEnv();
  return isLocalSignInAllowed(env, role) ? null : localSignInOffMessage(oidcConfigOf(env)?.name ?? "single sign-on");
}
