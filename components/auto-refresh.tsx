"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { probeServer, updateConnection } from "./connection/connection-store";

const EXPECT_CHANGE_EVENT = "lifeline:expect-change";
const QUICK_REFRESH_MS = 2_000;

/**
 * Tells the page's AutoRefresh that the server will change what it shows
 * within `seconds` (a poll was asked for): it refreshes every 2 s until then,
 * so the answer appears as soon as it is stored.
 */
export function expectChange(seconds: number): void {
  window.dispatchEvent(new CustomEvent<number>(EXPECT_CHANGE_EVENT, { detail: seconds }));
}

/**
 * Re-renders the page from the server every `seconds` while `active` (every
 * 2 s for a while after expectChange), and only when the server answers: an
 * unreachable server leaves the page as it is, under the outage banner, rather
 * than turning it into the browser's error page.
 */
export function AutoRefresh({ seconds, active = true }: { seconds: number; active?: boolean }) {
  const router = useRouter();
  const [quickUntil, setQuickUntil] = useState(0);

  useEffect(() => {
    const onExpect = (event: Event) => setQuickUntil(Date.now() + (event as CustomEvent<number>).detail * 1000);
    window.addEventListener(EXPECT_CHANGE_EVENT, onExpect);
    return () => window.removeEventListener(EXPECT_CHANGE_EVENT, onExpect);
  }, []);

  useEffect(() => {
    const quickFor = quickUntil - Date.now();
    if (!active && quickFor <= 0) return;
    const everyMs = quickFor > 0 ? Math.min(QUICK_REFRESH_MS, seconds * 1000) : seconds * 1000;
    let stopped = false;
    let attempts = 0;
    let dataAsOf = Date.now();
    const timer = setInterval(() => {
      void probeServer().then((ok) => {
        if (stopped) return;
        if (ok) {
          if (attempts > 0) updateConnection({ unreachableSince: null, nextRetryAt: null, attempts: 0 });
          attempts = 0;
          dataAsOf = Date.now();
          router.refresh();
          return;
        }
        attempts += 1;
        updateConnection((current) => ({
          unreachableSince: current.unreachableSince ?? Date.now(),
          dataAsOf,
          attempts,
          nextRetryAt: Date.now() + everyMs,
        }));
      });
    }, everyMs);
    const slowDown = quickFor > 0 ? setTimeout(() => setQuickUntil(0), quickFor) : null;
    return () => {
      stopped = true;
      clearInterval(timer);
      if (slowDown) clearTimeout(slowDown);
      if (attempts > 0) updateConnection({ unreachableSince: null, nextRetryAt: null, attempts: 0 });
    };
  }, [router, seconds, active, quickUntil]);
  return null;
}
