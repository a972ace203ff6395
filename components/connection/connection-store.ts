"use client";

import { useSyncExternalStore } from "react";

/**
 * What the page knows about its link to the server, shared by the component that
 * refreshes the page (LiveUpdates, AutoRefresh), the outage banner, and the
 * worker banner (which says the worker is down, so "Live" is not shown green).
 */
export interface ConnectionState {
  /** When the server first failed to answer, while it still does not; null when it answers. */
  unreachableSince: number | null;
  /** When the data on screen was drawn by the server. */
  dataAsOf: number | null;
  /** When the next try is due, and how many have failed so far. */
  nextRetryAt: number | null;
  attempts: number;
  /** Worker-down banners on screen. */
  workerDownBanners: number;
}

let state: ConnectionState = { unreachableSince: null, dataAsOf: null, nextRetryAt: null, attempts: 0, workerDownBanners: 0 };
const listeners = new Set<() => void>();

export function updateConnection(change: Partial<ConnectionState> | ((current: ConnectionState) => Partial<ConnectionState>)): void {
  const next = typeof change === "function" ? change(state) : change;
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const SERVER_STATE: ConnectionState = { unreachableSince: null, dataAsOf: null, nextRetryAt: null, attempts: 0, workerDownBanners: 0 };

export function useConnection(): ConnectionState {
  return useSyncExternalStore(subscribe, () => state, () => SERVER_STATE);
}

const PROBE_TIMEOUT_MS = 5_000;

/**
 * Whether the server answers and can read its database (/readyz; a worker being
 * down does not count, the worker banner says that). A page is only re-rendered
 * from the server after this succeeds: a refresh that cannot reach the server
 * makes Next.js load the page in full, which shows the browser's "site can't be
 * reached" page instead of the last data.
 */
export async function probeServer(): Promise<boolean> {
  try {
    const response = await fetch("/readyz", { cache: "no-store", signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (response.ok) return true;
    const body = (await response.json().catch(() => null)) as { database?: { reachable?: boolean } } | null;
    return body?.database?.reachable === true;
  } catch {
    return false;
  }
}
