import type { OAuthConfig } from "next-auth/providers/oauth";
import { identityOf, mergeUserinfo, needsUserinfo } from "./oidc-claims";
import { OIDC_PROVIDER_ID, type OidcConfig } from "./oidc-config";

type Claims = Record<string, unknown>;

/**
 * next-auth's OAuth provider set up as an OpenID Connect client: discovery from
 * the issuer, the authorization-code flow with PKCE (S256), state and nonce all
 * checked, and the ID token verified (signature, issuer, audience, expiry).
 */
export function createOidcProvider(config: OidcConfig): OAuthConfig<Claims> {
  return {
    id: OIDC_PROVIDER_ID,
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: config.scopes } },
    checks: ["pkce", "state", "nonce"],
    idToken: true,
    // Every call to the provider (discovery, token, userinfo, keys) gives up after 10 s.
    httpOptions: { timeout: 10_000 },
    userinfo: {
      // The ID token's claims, and the userinfo answer only when the token lacks the groups or the email.
      async request({ tokens, client }) {
        const idClaims = claimsOf(tokens.id_token);
        if (!needsUserinfo(idClaims, config.groupsClaim) || !client.issuer.metadata.userinfo_endpoint || !tokens.access_token) {
          return idClaims;
        }
        return mergeUserinfo(idClaims, (await client.userinfo(tokens.access_token)) as Claims);
      },
    },
    profile(claims) {
      const identity = identityOf(claims, config.issuer);
      return { id: identity.subject, email: identity.email, name: identity.name };
    },
  };
}

/** The payload of an ID token openid-client has already verified. */
function claimsOf(idToken: string | undefined): Claims {
  if (!idToken) throw new Error("the provider answered without an ID token");
  return JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString("utf8")) as Claims;
}
