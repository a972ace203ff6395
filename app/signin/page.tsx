import { redirect } from "next/navigation";
import { oidcConfigOf } from "@/lib/auth/oidc-config";
import { describeSignInError } from "@/lib/auth/sign-in-messages";
import { signInTarget } from "@/lib/auth/sign-in-target";
import { getEnv } from "@/lib/env";
import { firstRunOpen } from "@/lib/users/create-first-admin";
import { SignInForm } from "./sign-in-form";
import { SsoSignIn } from "./sso-sign-in";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string; created?: string }>;
}) {
  if (await firstRunOpen()) redirect("/setup");
  const params = await searchParams;
  const sso = oidcConfigOf(getEnv());
  const error = params.error ? describeSignInError(params.error, sso?.name ?? null) : null;
  const callbackUrl = await signInTarget(params.callbackUrl);
  return (
    <main className="mx-auto max-w-sm px-4 py-16">
      <h1 className="text-2xl font-semibold">Sign in to Lifeline</h1>
      {params.created ? (
        <p className="mt-3 rounded bg-green-50 p-3 text-sm text-green-900" role="status">
          Administrator created. Sign in with it.
        </p>
      ) : null}
      {sso ? (
        <SsoSignIn
          name={sso.name}
          callbackUrl={callbackUrl}
          localNote={getEnv().LIFELINE_LOCAL_SIGNIN === "admins" ? "administrators: email and password" : "or with email and password"}
        />
      ) : null}
      <SignInForm initialError={error} callbackUrl={callbackUrl} />
    </main>
  );
}
