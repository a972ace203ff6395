"use client";

import { useEffect, useState } from "react";
import { formatClock } from "@/lib/connection/retry-delay";
import { useConnection } from "./connection-store";

/**
 * Large and plain while the server cannot be reached: since when, how old the
 * data below is, and when the page tries again. The page keeps its last data
 * and recovers by itself.
 */
export function OutageBanner({ tone = "light" }: { tone?: "light" | "dark" }) {
  const connection = useConnection();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (connection.unreachableSince === null) return;
    const clock = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(clock);
  }, [connection.unreachableSince]);
  if (connection.unreachableSince === null) return null;
  const wait = connection.nextRetryAt === null ? null : Math.max(0, Math.ceil((connection.nextRetryAt - now) / 1000));
  const dark = tone === "dark";
  return (
    <div
      role="alert"
      data-testid="outage-banner"
      className={`rounded-lg border-4 px-[1.2em] py-[0.6em] ${dark ? "border-red-400 bg-red-900 text-white" : "border-red-700 bg-red-50 text-red-950"}`}
    >
      <p className={`font-bold ${dark ? "text-[length:clamp(1.4rem,2.2vw,4.5rem)]" : "text-2xl"}`}>
        <span aria-hidden="true">⚠ </span>Lifeline unreachable since {formatClock(connection.unreachableSince)}
        {connection.dataAsOf !== null ? <> — data as of {formatClock(connection.dataAsOf)}</> : null}
      </p>
      <p className={dark ? "text-[length:clamp(1rem,1.1vw,2.2rem)]" : "text-sm"}>
        What is shown is the last data received; it is not being updated.{" "}
        {wait === null || wait === 0 ? "Trying again now…" : `Trying again in ${wait} s (${connection.attempts} ${connection.attempts === 1 ? "try" : "tries"} failed).`}{" "}
        The page recovers by itself when the server answers.
      </p>
    </div>
  );
}
