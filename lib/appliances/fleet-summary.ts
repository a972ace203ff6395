import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { BILLING_STATUSES, READINESS_VALUES } from "./list-appliances";

export interface FleetSummary {
  total: number;
  byStatus: Record<(typeof BILLING_STATUSES)[number], number>;
  byReadiness: Record<(typeof READINESS_VALUES)[number], number>;
  /** Production appliances that are ok, over all production appliances that must send. */
  productionCompliant: { ok: number; of: number };
  nextDisconnect: { applianceId: string; name: string; disconnectAt: string } | null;
  viewsComputedAt: string | null;
}

/** Counts by status and readiness and the next disconnect, from the stored view columns. */
export async function getFleetSummary(db: Database, actor: Actor | null, now = new Date()): Promise<FleetSummary> {
  authorize(actor, "viewer");
  const [statusGroups, readinessGroups, productionGroups, next, freshness] = await Promise.all([
    db.prisma.appliance.groupBy({ by: ["billingStatus"], _count: { _all: true } }),
    db.prisma.appliance.groupBy({ by: ["migrationReadiness"], _count: { _all: true } }),
    db.prisma.appliance.groupBy({ by: ["billingStatus"], where: { role: "production" }, _count: { _all: true } }),
    db.prisma.appliance.findFirst({
      where: { disconnectAt: { gt: now }, billingStatus: { in: ["warning", "critical", "stale"] } },
      orderBy: { disconnectAt: "asc" },
      select: { id: true, name: true, disconnectAt: true },
    }),
    db.prisma.appliance.aggregate({ _min: { viewComputedAt: true } }),
  ]);
  const byStatus = Object.fromEntries(BILLING_STATUSES.map((status) => [status, 0])) as FleetSummary["byStatus"];
  for (const group of statusGroups) byStatus[group.billingStatus as keyof typeof byStatus] = group._count._all;
  const byReadiness = Object.fromEntries(READINESS_VALUES.map((value) => [value, 0])) as FleetSummary["byReadiness"];
  for (const group of readinessGroups) byReadiness[group.migrationReadiness as keyof typeof byReadiness] = group._count._all;
  const production = Object.fromEntries(productionGroups.map((group) => [group.billingStatus, group._count._all]));
  const mustSend = Object.entries(production).filter(([status]) => status !== "exempt").reduce((sum, [, count]) => sum + count, 0);
  return {
    total: Object.values(byStatus).reduce((sum, count) => sum + count, 0),
    byStatus,
    byReadiness,
    productionCompliant: { ok: production.ok ?? 0, of: mustSend },
    nextDisconnect:
      next?.disconnectAt ? { applianceId: next.id, name: next.name, disconnectAt: next.disconnectAt.toISOString() } : null,
    viewsComputedAt: freshness._min.viewComputedAt?.toISOString() ?? null,
  };
}
