import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { authenticateToken } from "@/lib/tokens/authenticate-token";
import { hashToken } from "@/lib/tokens/token-hash";
import { TtlCache } from "@/lib/heartbeats/ttl-cache";

// Collectors send thousands of requests a second with the same few tokens; a
// database lookup per request would cost more than storing the heartbeats. A
// revoked or changed token takes effect within this long on the collector routes.
export const COLLECTOR_TOKEN_CACHE_MS = 5_000;

const caches = new WeakMap<Database, TtlCache<string, Actor | null>>();

/** The caller behind a bearer token (collector routes take no session cookies). */
export async function collectorActorOf(db: Database, header: string | null): Promise<Actor | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S{1,200})$/i.exec(header);
  if (!match) return null;
  let cache = caches.get(db);
  if (!cache) {
    cache = new TtlCache<string, Actor | null>(COLLECTOR_TOKEN_CACHE_MS, 10_000);
    caches.set(db, cache);
  }
  const token = match[1];
  return cache.get(hashToken(token), () => authenticateToken(db, token));
}
