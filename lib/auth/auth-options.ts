import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { getRuntimeSecrets } from "@/lib/runtime/secrets";
import { recordSignIn } from "@/lib/users/record-sign-in";
import { verifySignIn } from "@/lib/users/verify-sign-in";
import { acceptOidcSignIn, localSignInRefusal, oidcProviders } from "./oidc-sign-in";
import { createRateLimiter } from "./rate-limit";

// Per account and per client address: 5 failures per account per 15 minutes,
// 30 per address, then sign-in is refused until the window moves on.
const perAccount = createRateLimiter({ maxFailures: 5, windowMs: 15 * 60_000 });
const perAddress = createRateLimiter({ maxFailures: 30, windowMs: 15 * 60_000 });

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  return first || (typeof headers?.["x-real-ip"] === "string" ? (headers["x-real-ip"] as string) : "unknown");
}

export function getAuthOptions(): NextAuthOptions {
  return {
    secret: getRuntimeSecrets(getEnv()).sessionSecret,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const email = String(credentials?.email ?? "").trim().toLowerCase().slice(0, 254);
          const password = String(credentials?.password ?? "").slice(0, 200);
          if (!email || !password) return null;
          const address = clientAddress(request?.headers as Record<string, unknown> | undefined);
          const wait = Math.max(perAccount.retryAfter(email), perAddress.retryAfter(address));
          if (wait > 0) {
            getLogger().warn({ email, address }, "sign-in rate limited");
            await recordSignIn(await getDb(), { email, address, result: "denied", reason: "rate-limited" });
            throw new Error(`Too many failed sign-ins. Try again in ${Math.ceil(wait / 60)} min.`);
          }
          // Count the attempt before checking it, so parallel guesses cannot all slip under the limit.
          perAccount.recordFailure(email);
          perAddress.recordFailure(address);
          const user = await verifySignIn(await getDb(), email, password, { address, refuse: localSignInRefusal });
          if (!user) {
            getLogger().info({ email, address }, "sign-in failed");
            return null;
          }
          perAccount.reset(email);
          perAddress.forgiveLast(address);
          getLogger().info({ email, address }, "signed in");
          return { id: user.id, email: user.email, name: user.name ?? user.email, role: user.role };
        },
      }),
      ...oidcProviders(),
    ],
    callbacks: {
      signIn: acceptOidcSignIn,
      async jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = (user as { role?: string }).role;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: token.uid, role: token.role };
      },
    },
    logger: {
      error: (code, metadata) => getLogger().error({ code, metadata }, "next-auth error"),
      warn: (code) => getLogger().warn({ code }, "next-auth warning"),
      debug: () => undefined,
    },
  };
}
