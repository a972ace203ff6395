"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { startTransition, useActionState, useEffect, useRef } from "react";
import { initialActionState } from "@/lib/http/action-state";
import { createFirstAdminAction } from "./actions";

/** Creates the first administrator, then signs them straight in. */
export function SetupForm() {
  const router = useRouter();
  const [state, action, pending] = useActionState(createFirstAdminAction, initialActionState);
  const typed = useRef<{ email: string; password: string } | null>(null);
  useEffect(() => {
    if (!state.ok || !typed.current) return;
    const credentials = typed.current;
    typed.current = null;
    void signIn("credentials", { ...credentials, redirect: false }).then((result) => {
      // Should signing in fail after all (say, a rate limit), the sign-in page takes over.
      if (!result || result.error) router.replace("/signin?created=1");
      else {
        router.replace("/");
        router.refresh();
      }
    });
  }, [state, router]);
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    typed.current = { email: String(data.get("email") ?? ""), password: String(data.get("password") ?? "") };
    startTransition(() => action(data));
  };
  return (
    <form onSubmit={submit} className="mt-6 space-y-4">
      <label className="block">
        <span className="text-sm font-medium">Email</span>
        <input name="email" type="email" required maxLength={254} autoComplete="username" className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      <label className="block">
        <span className="text-sm font-medium">Name (optional)</span>
        <input name="name" maxLength={120} className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      <label className="block">
        <span className="text-sm font-medium">Password (12 characters or more)</span>
        <input name="password" type="password" required minLength={12} maxLength={200} autoComplete="new-password" className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      <label className="block">
        <span className="text-sm font-medium">Password again</span>
        <input name="confirm" type="password" required minLength={12} maxLength={200} autoComplete="new-password" className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      {state.message && !state.ok ? (
        <p role="alert" className="rounded bg-red-50 p-3 text-sm text-red-900">
          {state.message}
        </p>
      ) : null}
      {state.ok ? (
        <p role="status" className="rounded bg-green-50 p-3 text-sm text-green-900">
          {state.message} Signing you in…
        </p>
      ) : null}
      <button type="submit" disabled={pending || state.ok} className="w-full rounded bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60">
        {pending ? "Creating…" : "Create administrator"}
      </button>
    </form>
  );
}
