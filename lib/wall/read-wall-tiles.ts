import { listAppliances } from "@/lib/appliances/list-appliances";
import type { Actor } from "@/lib/auth/roles";
import type { BillingStatus } from "@/lib/billing";
import type { Database } from "@/lib/db";
import { toWallTile, type WallTile } from "./wall-tile";

export const NEEDS_ATTENTION = ["disconnected", "critical", "warning", "stale", "unknown"] as const satisfies readonly BillingStatus[];
/** Tiles listed at most; the wall counts any further ones into its groups. */
export const WALL_LISTED_MAX = 1_000;
const PAGE = 500;

/**
 * The appliances needing attention, worst first, as wall tiles (up to 1,000),
 * and how many more there are by status.
 */
export async function readWallTiles(
  db: Database,
  actor: Actor,
  byStatus: Record<BillingStatus, number>,
  now: Date,
): Promise<{ tiles: WallTile[]; unlisted: Partial<Record<BillingStatus, number>> }> {
  const views = [];
  let cursor: string | undefined;
  do {
    const page = await listAppliances(
      db,
      actor,
      { status: NEEDS_ATTENTION.join(","), sort: "severity", limit: Math.min(PAGE, WALL_LISTED_MAX - views.length), cursor },
      now,
    );
    views.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && views.length < WALL_LISTED_MAX);
  // "No fresh data for 5 h" needs the time of the last data, which the view does not carry.
  const staleIds = views.filter((view) => view.billingStatus === "stale").map((view) => view.id);
  const lastData =
    staleIds.length === 0
      ? new Map<string, Date | null>()
      : new Map((await db.prisma.appliance.findMany({ where: { id: { in: staleIds } }, select: { id: true, lastDataAt: true } })).map((row) => [row.id, row.lastDataAt]));
  const tiles = views.map((view) => toWallTile({ ...view, lastDataAt: lastData.get(view.id)?.toISOString() ?? null }, now));
  const unlisted: Partial<Record<BillingStatus, number>> = {};
  for (const status of NEEDS_ATTENTION) {
    const listed = tiles.filter((tile) => tile.status === status).length;
    if (byStatus[status] > listed) unlisted[status] = byStatus[status] - listed;
  }
  return { tiles, unlisted };
}
