"use client";

import { useEffect, useState } from "react";

/**
 * What a screen shows when it could not be drawn: says so, says whether the
 * server answers at all, and offers a retry, instead of a blank page.
 */
export function RouteError({ error, reset, tone = "light" }: { error: Error & { digest?: string }; reset: () => void; tone?: "light" | "dark" }) {
  const [health, setHealth] = useState<string | null>(null);
  useEffect(() => {
    fetch("/readyz", { cache: "no-store" })
      .then(async (response) => {
        const body = (await response.json().catch(() => null)) as { checks?: Record<string, unknown> } | null;
        setHealth(response.ok ? "The server is up; the problem is with this screen." : `The server reports it is not ready${body ? `: ${JSON.stringify(body.checks ?? body)}` : ""}.`);
      })
      .catch(() => setHealth("The server does not answer."));
  }, []);
  const dark = tone === "dark";
  return (
    <div role="alert" className={`m-4 rounded border-2 p-4 ${dark ? "border-red-400 bg-red-950 text-red-50" : "border-red-300 bg-red-50 text-red-950"}`}>
      <h2 className="text-lg font-semibold">
        <span aria-hidden="true">⚠ </span>This screen could not be loaded.
      </h2>
      <p className="mt-1 text-sm">{health ?? "Checking the server…"}</p>
      {error.digest ? <p className="mt-1 text-xs">Reference for the server log: {error.digest}</p> : null}
      <button type="button" onClick={reset} className="mt-3 rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white">
        Try again
      </button>
    </div>
  );
}
