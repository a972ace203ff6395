import type { Database } from "@/lib/db";
import type { ScopedAppliance } from "./collector-scope";
import { uuidArrayLiteral } from "./uuid-array-literal";

export interface ApplianceAccess extends ScopedAppliance {
  name: string;
  mode: "polled" | "reporting";
}

interface Waiting {
  /** Lower-case. */
  ids: readonly string[];
  resolve: (found: Map<string, ApplianceAccess>) => void;
  reject: (error: unknown) => void;
}

const MAX_KNOWN = 200_000;

const LOOKUP = `
SELECT id::text AS id, name, mode::text AS mode, tenant, region, vcenter, tags
FROM "Appliance" WHERE id = ANY($1::uuid[])`;

/** How long a read appliance is trusted: a change of its tags or mode reaches the collector routes within this. */
export const APPLIANCE_ACCESS_CACHE_MS = 5_000;

/**
 * What the scope check needs to know about appliances. An appliance read is
 * kept for a few seconds (collectors report the same appliances every minute);
 * the rest are read in one query per round trip: requests that arrive while a
 * read is under way share the next one. Unknown ids are never kept, so an
 * appliance registered a moment ago is found at once.
 */
export class ApplianceAccessLoader {
  private queue: Waiting[] = [];
  private reading = false;
  private readonly known = new Map<string, { access: ApplianceAccess; until: number }>();

  constructor(
    private readonly db: Database,
    // Monotonic, and not the Date.now that Next.js wraps to watch renders: a cache's age is not the time of day.
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The appliances among `ids` that exist, by lower-case id. */
  async load(ids: readonly string[]): Promise<Map<string, ApplianceAccess>> {
    const found = new Map<string, ApplianceAccess>();
    const missing: string[] = [];
    const now = this.clock();
    for (const id of ids) {
      const key = id.toLowerCase();
      const entry = this.known.get(key);
      if (entry && entry.until > now) found.set(key, entry.access);
      else missing.push(key);
    }
    if (missing.length === 0) return found;
    const read = await new Promise<Map<string, ApplianceAccess>>((resolve, reject) => {
      this.queue.push({ ids: missing, resolve, reject });
      this.kick();
    });
    for (const id of missing) {
      const access = read.get(id);
      if (access) found.set(id, access);
    }
    return found;
  }

  private kick(): void {
    if (this.reading) return;
    this.reading = true;
    void (async () => {
      try {
        while (this.queue.length > 0) await this.readWaiting();
      } finally {
        this.reading = false;
      }
    })();
  }

  private async readWaiting(): Promise<void> {
    const batch = this.queue.splice(0);
    const ids = [...new Set(batch.flatMap((waiting) => waiting.ids))];
    let found: Map<string, ApplianceAccess>;
    try {
      const rows = await this.db.sql.query<ApplianceAccess & Record<string, unknown>>(LOOKUP, [uuidArrayLiteral(ids)], "lifeline-appliance-access");
      found = new Map(rows.map((row) => [row.id.toLowerCase(), row]));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    const until = this.clock() + APPLIANCE_ACCESS_CACHE_MS;
    if (this.known.size + found.size > MAX_KNOWN) this.known.clear();
    for (const [id, access] of found) this.known.set(id, { access, until });
    for (const waiting of batch) waiting.resolve(found);
  }
}
