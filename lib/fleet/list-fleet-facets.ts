import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";

/** The tenants and regions in use, for the fleet filters. */
export async function listFleetFacets(db: Database, actor: Actor | null): Promise<{ tenants: string[]; regions: string[] }> {
  authorize(actor, "viewer");
  // SQL DISTINCT on the indexed columns: Prisma's `distinct` reads every row first.
  const [tenants, regions] = await Promise.all([
    db.prisma.$queryRaw<{ value: string }[]>`SELECT DISTINCT tenant AS value FROM "Appliance" WHERE tenant IS NOT NULL ORDER BY 1`,
    db.prisma.$queryRaw<{ value: string }[]>`SELECT DISTINCT region AS value FROM "Appliance" WHERE region IS NOT NULL ORDER BY 1`,
  ]);
  return { tenants: tenants.map((row) => row.value), regions: regions.map((row) => row.value) };
}
