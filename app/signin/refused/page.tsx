import Link from "next/link";
import { oidcConfigOf } from "@/lib/auth/oidc-config";
import { REFUSALS, isRefusal } from "@/lib/auth/sign-in-messages";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign-in refused" };

/** Where single sign-on sends someone it refused (lib/auth/oidc-sign-in.ts), with the reason in words. */
export default async function SignInRefusedPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  const provider = oidcConfigOf(getEnv())?.name ?? "Your identity provider";
  const refusal = isRefusal(reason) ? REFUSALS[reason] : null;
  return (
    <main className="mx-auto max-w-lg px-4 py-16">
      <h1 className="text-2xl font-semibold">{refusal?.title ?? "Sign-in refused"}</h1>
      <p className="mt-4 rounded bg-amber-50 p-4 text-amber-950" role="alert" data-reason={isRefusal(reason) ? reason : "unknown"}>
        {refusal ? refusal.detail(provider) : "Lifeline could not sign you in. Start again from the sign-in page."}
      </p>
      <p className="mt-6 text-sm text-slate-700">
        Nothing was changed in Lifeline.{" "}
        <Link href="/signin" className="text-blue-700 underline">
          Back to sign-in
        </Link>
      </p>
    </main>
  );
}
