"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { retryDelayMs } from "@/lib/connection/retry-delay";
import { probeServer, updateConnection, useConnection } from "./connection/connection-store";

type Mode = "connecting" | "live" | "polling" | "unreachable" | "signed-out";

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
 * It re-renders only after the server has answered a probe, so an outage never
 * turns the page into the browser's error page: the page keeps its data under
 * the outage banner, tries again with growing waits and recovers by itself.
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
  const connection = useConnection();
  const [mode, setMode] = useState<Mode>("connecting");
  const [now, setNow] = useState(() => Date.now());
  const shown = useRef(digest);
  const rendered = useRef(renderedAt);
  const lastRefresh = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    shown.current = digest;
  }, [digest]);
  useEffect(() => {
    rendered.current = renderedAt;
    updateConnection({ dataAsOf: Date.parse(renderedAt) });
  }, [renderedAt]);

  useEffect(() => {
    let stopped = false;
    let outage = false;
    let attempts = 0;
    let failures = 0;
    let source: EventSource | null = null;
    let poller: ReturnType<typeof setInterval> | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let reconnect: ReturnType<typeof setTimeout> | null = null;

    const closeStream = () => {
      source?.close();
      source = null;
    };

    // The server did not answer: keep the page, say so, and try again with growing waits.
    const enterOutage = () => {
      if (stopped) return;
      if (!outage) {
        outage = true;
        closeStream();
        setMode("unreachable");
        attempts = 0;
        updateConnection({ unreachableSince: Date.now(), dataAsOf: Date.parse(rendered.current), attempts: 0 });
      }
      attempts += 1;
      const delay = retryDelayMs(attempts);
      updateConnection({ attempts, nextRetryAt: Date.now() + delay });
      retry = setTimeout(() => void tryAgain(), delay);
    };
    const tryAgain = async () => {
      retry = null;
      updateConnection({ nextRetryAt: null });
      if (await probeServer()) {
        if (stopped) return;
        outage = false;
        attempts = 0;
        updateConnection({ unreachableSince: null, nextRetryAt: null, attempts: 0 });
        setMode("connecting");
        lastRefresh.current = Date.now();
        router.refresh();
        connect();
      } else {
        enterOutage();
      }
    };

    const refreshNow = async () => {
      if (outage) return;
      if (!(await probeServer())) return enterOutage();
      if (stopped || outage) return;
      lastRefresh.current = Date.now();
      router.refresh();
    };
    const refresh = () => {
      if (pending.current || outage) return;
      const wait = Math.max(0, lastRefresh.current + MIN_REFRESH_GAP_MS - Date.now());
      pending.current = setTimeout(() => {
        pending.current = null;
        void refreshNow();
      }, wait);
    };
    const startPolling = () => {
      setMode("polling");
      poller ??= setInterval(refresh, POLLING_REFRESH_MS);
    };
    const stopPolling = () => {
      if (poller) clearInterval(poller);
      poller = null;
    };

    const connect = () => {
      if (stopped || outage || source) return;
      source = new EventSource("/api/v1/events");
      source.addEventListener("fleet", (event) => {
        failures = 0;
        stopPolling();
        setMode("live");
        const next = (JSON.parse((event as MessageEvent<string>).data) as { digest: string }).digest;
        if (next !== shown.current) {
          shown.current = next;
          refresh();
        }
      });
      source.onerror = async () => {
        failures += 1;
        const closed = source?.readyState === EventSource.CLOSED;
        // A dropped stream is most often a server gone away: find out before showing old data as live.
        if (!(await probeServer())) return enterOutage();
        if (stopped || outage) return;
        if (closed || failures >= FAILURES_BEFORE_POLLING) {
          closeStream();
          // A closed stream is often an ended session: say so instead of showing old data as live.
          const me = await fetch("/api/v1/me", { cache: "no-store" }).catch(() => null);
          if (!me) return enterOutage();
          if (me.status === 401) {
            setMode("signed-out");
            if (signInPath) window.location.assign(signInPath);
            return;
          }
          startPolling();
          reconnect = setTimeout(connect, 30_000);
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
      stopped = true;
      closeStream();
      stopPolling();
      clearInterval(idle);
      clearInterval(clock);
      if (retry) clearTimeout(retry);
      if (reconnect) clearTimeout(reconnect);
      if (pending.current) clearTimeout(pending.current);
      pending.current = null;
    };
  }, [router, signInPath]);

  const renderedDate = new Date(renderedAt);
  const dark = tone === "dark";
  const workerDown = connection.workerDownBanners > 0;
  const label =
    mode === "unreachable"
      ? "Server unreachable"
      : mode === "signed-out"
        ? "Signed out: sign in again"
        : mode === "connecting"
          ? "Connecting…"
          : mode === "polling"
            ? "Live updates unavailable: refreshing every 15 s"
            : workerDown
              ? "Live · the worker is down: statuses are not moving"
              : "Live";
  // Green only when both the page and the statuses behind it are live.
  const dot = mode === "unreachable" || mode === "signed-out" ? "bg-red-500" : mode === "live" && !workerDown ? "bg-green-500" : "bg-amber-400";
  return (
    <p
      className={`flex flex-wrap items-center gap-2 ${dark ? "text-[length:clamp(0.9rem,1vw,2rem)] text-slate-200" : "text-sm text-slate-700"}`}
      data-testid="live-status"
      data-mode={mode}
      data-dot={dot === "bg-green-500" ? "green" : dot === "bg-red-500" ? "red" : "amber"}
    >
      <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${dot}`} />
      <span className="font-medium">{label}</span>
      <span>
        · data from{" "}
        <time dateTime={renderedAt} suppressHydrationWarning>
          {renderedDate.toISOString().slice(11, 19)} UTC
        </time>{" "}
        (<span suppressHydrationWarning>{age(renderedDate.getTime(), now)}</span>)
      </span>
    </p>
  );
}
