"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { OIDC_PROVIDER_ID } from "@/lib/auth/oidc-config";

/** "Sign in with <provider>": next-auth sends the browser to the identity provider and back. */
export function SsoSignIn({ name, callbackUrl, localNote }: { name: string; callbackUrl: string; localNote: string }) {
  const [pending, setPending] = useState(false);
  return (
    <div className="mt-6">
      <button
        type="button"
        disabled={pending}
        onClick={() => {
          setPending(true);
          void signIn(OIDC_PROVIDER_ID, { callbackUrl }).catch(() => setPending(false));
        }}
        className="w-full rounded bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
      >
        {pending ? `Going to ${name}…` : `Sign in with ${name}`}
      </button>
      <p className="mt-6 flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500">
        <span aria-hidden="true" className="h-px flex-1 bg-slate-300" />
        {localNote}
        <span aria-hidden="true" className="h-px flex-1 bg-slate-300" />
      </p>
    </div>
  );
}
