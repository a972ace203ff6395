"use client";

import { useEffect, useState } from "react";

function remaining(toMs: number, nowMs: number): string {
  const total = Math.max(0, Math.floor((toMs - nowMs) / 1000));
  const days = Math.floor(total / 86_400);
  const clock = [Math.floor((total % 86_400) / 3600), Math.floor((total % 3600) / 60), total % 60]
    .map((part) => String(part).padStart(2, "0"))
    .join(":");
  return `${days} d ${clock}`;
}

/** Time left until `to`, ticking every second; the exact UTC time on hover. */
export function Countdown({ to, className }: { to: string; className?: string }) {
  const toMs = new Date(to).getTime();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <time
      dateTime={to}
      title={`${to.replace("T", " ").slice(0, 19)} UTC`}
      className={`tabular-nums ${className ?? ""}`}
      suppressHydrationWarning
      role="timer"
      aria-live="off"
    >
      {remaining(toMs, now)}
    </time>
  );
}
