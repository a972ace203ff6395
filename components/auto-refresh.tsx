"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { probeServer, updateConnection } from "./connection/connection-store";

/**
 * Re-renders the page from the server every `seconds` while `active`, and only
 * when the server answers: an unreachable server leaves the page as it is,
 * under the outage banner, rather than turning it into the browser's error page.
 */
export function AutoRefresh({ seconds, active = true }: { seconds: number; active?: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
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
          nextRetryAt: Date.now() + seconds * 1000,
        }));
      });
    }, seconds * 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
      if (attempts > 0) updateConnection({ unreachableSince: null, nextRetryAt: null, attempts: 0 });
    };
  }, [router, seconds, active]);
  return null;
}
