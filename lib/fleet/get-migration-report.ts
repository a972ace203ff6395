import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { MigrationReadiness, Reachability } from "@/lib/billing";
import type { Database } from "@/lib/db";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { toCsv } from "@/lib/csv/csv";

export const MIGRATION_GROUPS = ["blocked", "pending-upgrade", "unknown", "ready"] as const satisfies readonly MigrationReadiness[];

export interface MigrationEntry {
  id: string;
  name: string;
  tenant: string | null;
  region: string | null;
  version: string | null;
  billingStatus: string;
  reachability: Reachability;
  reachabilityCheckedAt: string | null;
}

export interface MigrationReport {
  endpoints: { old: string[]; new: string[] };
  counts: Record<MigrationReadiness, number>;
  /** Pending upgrades by what the collector's probe of the new endpoint said. */
  pendingByReachability: Record<Reachability, number>;
  groups: Record<MigrationReadiness, { entries: MigrationEntry[]; more: number }>;
}

const REACHABILITY: readonly Reachability[] = ["unreachable", "unknown", "reachable"];

function entryOf(row: {
  id: string;
  name: string;
  tenant: string | null;
  region: string | null;
  version: string | null;
  billingStatus: string;
  newEndpointReachability: string | null;
  reachabilityCheckedAt: Date | null;
}): MigrationEntry {
  return {
    id: row.id,
    name: row.name,
    tenant: row.tenant,
    region: row.region,
    version: row.version,
    billingStatus: row.billingStatus,
    reachability: (REACHABILITY as readonly string[]).includes(row.newEndpointReachability ?? "")
      ? (row.newEndpointReachability as Reachability)
      : "unknown",
    reachabilityCheckedAt: row.reachabilityCheckedAt?.toISOString() ?? null,
  };
}

const SELECT = {
  id: true,
  name: true,
  tenant: true,
  region: true,
  version: true,
  billingStatus: true,
  newEndpointReachability: true,
  reachabilityCheckedAt: true,
} as const;

/** Appliances by 9.0 readiness (from the stored views), with the billing endpoints the firewall must allow. */
export async function getMigrationReport(db: Database, actor: Actor | null, perGroup = 100): Promise<MigrationReport> {
  authorize(actor, "viewer");
  const [settings, byReadiness, pending, lists] = await Promise.all([
    getSettings(db),
    db.prisma.appliance.groupBy({ by: ["migrationReadiness"], _count: { _all: true } }),
    db.prisma.appliance.groupBy({ by: ["newEndpointReachability"], where: { migrationReadiness: "pending-upgrade" }, _count: { _all: true } }),
    Promise.all(
      MIGRATION_GROUPS.map((group) =>
        db.prisma.appliance.findMany({
          where: { migrationReadiness: group },
          select: SELECT,
          // Unreachable first: those are the firewall rules still missing.
          orderBy: group === "pending-upgrade" ? [{ newEndpointReachability: { sort: "desc", nulls: "last" } }, { name: "asc" }] : { name: "asc" },
          take: perGroup,
        }),
      ),
    ),
  ]);
  const counts = { ready: 0, blocked: 0, "pending-upgrade": 0, unknown: 0 } as Record<MigrationReadiness, number>;
  for (const group of byReadiness) {
    const key = (MIGRATION_GROUPS as readonly string[]).includes(group.migrationReadiness) ? (group.migrationReadiness as MigrationReadiness) : "unknown";
    counts[key] += group._count._all;
  }
  const pendingByReachability = { reachable: 0, unreachable: 0, unknown: 0 } as Record<Reachability, number>;
  for (const group of pending) {
    const key = (REACHABILITY as readonly string[]).includes(group.newEndpointReachability ?? "") ? (group.newEndpointReachability as Reachability) : "unknown";
    pendingByReachability[key] += group._count._all;
  }
  const groups = Object.fromEntries(
    MIGRATION_GROUPS.map((group, index) => [
      group,
      { entries: lists[index].map(entryOf), more: Math.max(0, counts[group] - lists[index].length) },
    ]),
  ) as MigrationReport["groups"];
  return { endpoints: settings.billingEndpoints, counts, pendingByReachability, groups };
}

export const MIGRATION_CSV_COLUMNS = [
  "name",
  "tenant",
  "region",
  "version",
  "readiness",
  "new endpoint reachability",
  "reachability checked at",
  "billing status",
] as const;

/** Every appliance with its readiness, for the firewall team's spreadsheet. */
export async function exportMigrationCsv(db: Database, actor: Actor | null): Promise<string> {
  authorize(actor, "viewer");
  const rows = await db.prisma.appliance.findMany({ select: { ...SELECT, migrationReadiness: true }, orderBy: { name: "asc" } });
  return toCsv(
    MIGRATION_CSV_COLUMNS,
    rows.map((row) => {
      const entry = entryOf(row);
      return [
        entry.name,
        entry.tenant ?? "",
        entry.region ?? "",
        entry.version ?? "",
        row.migrationReadiness,
        row.migrationReadiness === "pending-upgrade" ? entry.reachability : "",
        entry.reachabilityCheckedAt ?? "",
        entry.billingStatus,
      ];
    }),
  );
}
