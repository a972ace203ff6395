"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

type Mode = "connecting" | "live" | "polling" | "signed-out";

const MIN_REFRESH_GAP_MS = 1_500;
/** Redraw anyway now and then, so relative times and countdowns stay true. */
const IDLE_REFRESH_MS = 60_000;
const POLLING_REFRESH_MS = 15_000;
const FAILURES_BEFORE_POLLING = 3;

function age(fromMs: number, nowMs: number): string {
  const seconds = Math.max(0, Math.round((nowMs - fromMs) / 1000));
  return seconds < 90 ? `${seconds} s ago` : `${Math.floor(seconds / 60)} min ago`;
}

/**
 * Keeps a server-rendered page current without a reload: it listens to the
 * fleet's server-sent events and re-renders the page when the fleet digest
 * changes, falling back to a short refresh when the stream is unavailable.
 * Shows how fresh the page's data is.
 */
export function LiveUpdates({
  digest,
  renderedAt,
  tone = "light",
  signInPath,
}: {
  digest: string;
  renderedAt: string;
  tone?: "light" | "dark";
  /** Where to go when the session has ended (the wall view signs in again). */
  signInPath?: string;
}) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("connecting");
  const [now, setNow] = useState(() => Date.now());
  const shown = useRef(digest);
  const lastRefresh = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    shown.current = digest;
  }, [digest]);

  useEffect(() => {
    const refresh = () => {
      if (pending.current) return;
      const wait = Math.max(0, lastRefresh.current + MIN_REFRESH_GAP_MS - Date.now());
      pending.current = setTimeout(() => {
        pending.current = null;
        lastRefresh.current = Date.now();
        router.refresh();
      }, wait);
    };
    let failures = 0;
    let source: EventSource | null = null;
    let poller: ReturnType<typeof setInterval> | null = null;
    const startPolling = () => {
      setMode("polling");
      poller ??= setInterval(refresh, POLLING_REFRESH_MS);
    };
    const connect = () => {
      source = new EventSource("/api/v1/events");
      source.addEventListener("fleet", (event) => {
        failures = 0;
        setMode("live");
        const next = (JSON.parse((event as MessageEvent<string>).data) as { digest: string }).digest;
        if (next !== shown.current) {
          shown.current = next;
          refresh();
        }
      });
      source.onerror = async () => {
        failures += 1;
        if (source?.readyState === EventSource.CLOSED || failures >= FAILURES_BEFORE_POLLING) {
          source?.close();
          source = null;
          // A closed stream is often an ended session: say so instead of showing old data as live.
          const me = await fetch("/api/v1/me", { cache: "no-store" }).catch(() => null);
          if (me?.status === 401) {
            setMode("signed-out");
            if (signInPath) window.location.assign(signInPath);
            return;
          }
          startPolling();
          setTimeout(connect, 30_000);
        } else {
          setMode("connecting");
        }
      };
    };
    connect();
    const idle = setInterval(() => {
      if (document.visibilityState === "visible") refresh();
    }, IDLE_REFRESH_MS);
    const clock = setInterval(() => setNow(Date.now()), 1000);
    return () => {
      source?.close();
      if (poller) clearInterval(poller);
      clearInterval(idle);
      clearInterval(clock);
      if (pending.current) clearTimeout(pending.current);
    };
  }, [router, signInPath]);

  const rendered = new Date(renderedAt);
  const dark = tone === "dark";
  const label =
    mode === "live"
      ? "Live"
      : mode === "connecting"
        ? "Connecting…"
        : mode === "polling"
          ? "Live updates unavailable: refreshing every 15 s"
          : "Signed out: sign in again";
  const dot = mode === "live" ? "bg-green-500" : mode === "signed-out" ? "bg-red-500" : "bg-amber-400";
  return (
    <p
      className={`flex flex-wrap items-center gap-2 ${dark ? "text-[length:clamp(0.9rem,1vw,2rem)] text-slate-200" : "text-sm text-slate-700"}`} data-testid="live-status" data-mode={mode}>
      <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${dot}`} />
      <span className="font-medium">{label}</span>
      <span>
        · data from{" "}
        <time dateTime={renderedAt} suppressHydrationWarning>
          {rendered.toISOString().slice(11, 19)} UTC
        </time>{" "}
        (<span suppressHydrationWarning>{age(rendered.getTime(), now)}</span>)
      </span>
    </p>
  );
}
