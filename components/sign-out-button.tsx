"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/signin" })}
      className="shrink-0 rounded px-3 py-1.5 text-sm whitespace-nowrap text-slate-200 hover:bg-slate-700"
    >
      Sign out
    </button>
  );
}
