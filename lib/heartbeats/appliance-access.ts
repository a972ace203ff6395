import type { Database } from "@/lib/db";
import type { ScopedAppliance } from "./collector-scope";

export interface ApplianceAccess extends ScopedAppliance {
  name: string;
  mode: "polled" | "reporting";
}

interface Waiting {
  ids: readonly string[];
  resolve: (found: Map<string, ApplianceAccess>) => void;
  reject: (error: unknown) => void;
}

const LOOKUP = `
SELECT id::text AS id, name, mode::text AS mode, tenant, region, vcenter, tags
FROM "Appliance" WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text($1::jsonb))`;

/**
 * What the scope check needs to know about appliances, read fresh for every
 * request (a change of tags or mode applies at once). Requests that arrive while
 * a read is under way share the next one, so the route makes one read per
 * round trip, not one per request.
 */
export class ApplianceAccessLoader {
  private queue: Waiting[] = [];
  private reading = false;

  constructor(private readonly db: Database) {}

  /** The appliances among `ids` that exist, by lower-case id. */
  load(ids: readonly string[]): Promise<Map<string, ApplianceAccess>> {
    if (ids.length === 0) return Promise.resolve(new Map());
    return new Promise((resolve, reject) => {
      this.queue.push({ ids, resolve, reject });
      this.kick();
    });
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
    const ids = [...new Set(batch.flatMap((waiting) => waiting.ids.map((id) => id.toLowerCase())))];
    let found: Map<string, ApplianceAccess>;
    try {
      const rows = await this.db.sql.query<ApplianceAccess & Record<string, unknown>>(LOOKUP, [JSON.stringify(ids)]);
      found = new Map(rows.map((row) => [row.id.toLowerCase(), row]));
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    for (const waiting of batch) waiting.resolve(found);
  }
}
