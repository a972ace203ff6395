"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { probeServer } from "./connection/connection-store";

/**
 * Re-renders the page from the server every `seconds` while `active`, and only
 * when the server answers: an unreachable server leaves the page as it is
 * rather than turning it into the browser's error page.
 */
export function AutoRefresh({ seconds, active = true }: { seconds: number; active?: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    const timer = setInterval(() => {
      void probeServer().then((ok) => {
        if (ok && !stopped) router.refresh();
      });
    }, seconds * 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [router, seconds, active]);
  return null;
}
