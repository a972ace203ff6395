import type { OidcRefusal } from "./oidc-claims";

// What the sign-in pages say, in words, for next-auth's error codes and for
// the reasons single sign-on refuses someone.

/** For /signin?error=<code>: next-auth's codes, or a message Lifeline raised itself. */
export function describeSignInError(code: string, providerName: string | null): string {
  const provider = providerName ?? "single sign-on";
  switch (code) {
    case "CredentialsSignin":
      return "Wrong email or password.";
    case "OAuthSignin":
      return `Sign-in with ${provider} could not start: the identity provider did not answer or rejected Lifeline's request. Try again; if it goes on, tell your administrator.`;
    case "OAuthCallback":
    case "Callback":
      return `Sign-in with ${provider} did not complete: it was cancelled, took too long, or failed a security check. Start again.`;
    case "AccessDenied":
      return "Access denied.";
    case "Configuration":
      return "Sign-in is misconfigured on this server; tell your administrator.";
    default:
      return code.slice(0, 200);
  }
}

export const REFUSALS: Record<OidcRefusal, { title: string; detail: (provider: string) => string }> = {
  "no-mapped-group": {
    title: "Your account has no access to Lifeline",
    detail: (provider) =>
      `${provider} signed you in, but you are not in any group that Lifeline maps to a role (viewer, operator or admin). ` +
      "Ask your administrator to add you to one of Lifeline's groups, then sign in again.",
  },
  "no-groups-claim": {
    title: "Lifeline could not read your groups",
    detail: (provider) =>
      `${provider} signed you in but sent no group claim, so Lifeline cannot tell which role you have. ` +
      "Your administrator needs to add the groups claim to the tokens the identity provider issues for Lifeline.",
  },
  "groups-overage": {
    title: "You are in too many groups for the token",
    detail: (provider) =>
      `${provider} left your groups out of the token because you are in too many of them. ` +
      "Your administrator can send only the groups assigned to the Lifeline application, or use app roles.",
  },
  "no-email": {
    title: "Lifeline could not read your email address",
    detail: (provider) =>
      `${provider} sent no email address (email, preferred_username or upn claim). ` +
      "Your administrator needs to add the email scope or claim for Lifeline.",
  },
  "email-taken": {
    title: "Another Lifeline account uses your email address",
    detail: (provider) =>
      "Lifeline already has an active account with your address (a local email-and-password account, say) and will not " +
      `hand it to single sign-on. Ask an administrator to disable that account: your next sign-in with ${provider} then takes it over.`,
  },
  disabled: {
    title: "Your Lifeline account is disabled",
    detail: () => "An administrator disabled your account. Ask them to enable it again.",
  },
};

export function isRefusal(reason: string | undefined): reason is OidcRefusal {
  return reason !== undefined && Object.hasOwn(REFUSALS, reason);
}

export function localSignInOffMessage(providerName: string): string {
  return `Email and password sign-in is for administrators only; sign in with ${providerName}.`;
}
