"use client";

import { useEffect } from "react";

const EVERY_MS = 10 * 60_000;

/**
 * Asking next-auth for the session re-issues its cookie with a fresh expiry, so
 * a wall screen left open stays signed in for as long as it is open.
 */
export function SessionKeepAlive() {
  useEffect(() => {
    const timer = setInterval(() => void fetch("/api/auth/session", { cache: "no-store" }).catch(() => undefined), EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  return null;
}
