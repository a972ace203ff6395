import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { getLogger } from "@/lib/log";
import { readFleetDigest } from "./internal/read-fleet-digest";

export const FLEET_CHECK_MS = 2_000;

type Listener = (digest: string) => void;

// One check per process however many screens watch: each open wall screen or
// fleet page adds a listener, not a query.
class FleetChangeFeed {
  private listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | null = null;
  private digest: string | null = null;
  private checking = false;

  constructor(private readonly db: Database) {}

  add(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.digest !== null) listener(this.digest);
    this.timer ??= setInterval(() => void this.check(), FLEET_CHECK_MS);
    this.timer.unref?.();
    if (this.digest === null) void this.check();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
        this.digest = null;
      }
    };
  }

  private async check(): Promise<void> {
    if (this.checking) return;
    this.checking = true;
    try {
      const digest = await readFleetDigest(this.db);
      if (digest !== this.digest) {
        this.digest = digest;
        for (const listener of this.listeners) listener(digest);
      }
    } catch (error) {
      getLogger().warn({ err: error }, "fleet change check failed");
    } finally {
      this.checking = false;
    }
  }
}

const feeds = new WeakMap<Database, FleetChangeFeed>();

/**
 * For a caller who may see the fleet: a subscribe function that calls its
 * listener with the fleet digest now and whenever it changes, and returns the way to stop.
 */
export function watchFleetChanges(db: Database, actor: Actor | null): (listener: Listener) => () => void {
  authorize(actor, "viewer");
  let feed = feeds.get(db);
  if (!feed) {
    feed = new FleetChangeFeed(db);
    feeds.set(db, feed);
  }
  const shared = feed;
  return (listener) => shared.add(listener);
}
