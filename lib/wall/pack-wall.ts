import type { BillingStatus } from "@/lib/billing";

/**
 * Lays out the wall's "needs attention" area so that everything fits the
 * screen: the worst appliances as large tiles, lower severities as smaller
 * ones, and past what fits, counted groups. Pure and deterministic: the same
 * entries and area always give the same layout, and nothing ends below or
 * beside the area.
 */

export type TileSize = "large" | "medium" | "small";

export interface WallEntry {
  id: string;
  status: BillingStatus;
  /** Whole days before VRA disconnect, when counting down. */
  daysLeft: number | null;
}

export interface WallArea {
  /** The area's size in CSS pixels. */
  width: number;
  height: number;
  /** The screen's type unit in pixels (see wallUnit); every size below is a multiple of it. */
  unit: number;
}

export interface TileBand {
  size: TileSize;
  top: number;
  height: number;
  columns: number;
  tileWidth: number;
  tileHeight: number;
  gap: number;
  /** The entries drawn in this band, in order. */
  entries: WallEntry[];
}

export interface WallGroup {
  status: BillingStatus;
  count: number;
  minDaysLeft: number | null;
  maxDaysLeft: number | null;
  label: string;
}

export interface GroupBand {
  top: number;
  height: number;
  columns: number;
  rowHeight: number;
  gap: number;
  groups: WallGroup[];
}

export interface WallPacking {
  bands: TileBand[];
  groupBand: GroupBand | null;
  /** Entries drawn as tiles, and all appliances needing attention (listed or only counted). */
  shown: number;
  total: number;
}

/** Tile boxes in units: wide enough for a name of about 24 characters at each size's type. */
export const TILE_BOX: Record<TileSize, { minWidth: number; height: number }> = {
  large: { minWidth: 17, height: 5.4 },
  medium: { minWidth: 13, height: 3.6 },
  small: { minWidth: 10.5, height: 2.8 },
};
const GROUP_BOX = { minWidth: 21, height: 2.2 };
const GAP = 0.5;
const SIZES: readonly TileSize[] = ["large", "medium", "small"];

// The worst statuses get the biggest tiles; sizes per tier, tried biggest first.
const TIER: Record<BillingStatus, 0 | 1 | 2> = { disconnected: 0, critical: 0, warning: 1, stale: 1, unknown: 2, ok: 2, exempt: 2 };
const ALL_FIT_PLANS: readonly (readonly [number, number, number])[] = [
  [0, 1, 2],
  [0, 2, 2],
  [1, 2, 2],
  [2, 2, 2],
];
// With groups, the worst keep big tiles while they take at most this share of the height.
const WORST_SHARE = 0.75;

/** The screen's type unit: 20 px on a 1920×1080 screen, 40 px at 3840×2160, never below 13 px. */
export function wallUnit(viewport: { width: number; height: number }): number {
  const unit = Math.min(viewport.width / 96, viewport.height / 54);
  return Math.round(Math.min(48, Math.max(13, unit)) * 100) / 100;
}

function columnsFor(width: number, minWidth: number, gap: number): number {
  return Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
}

function bandHeight(count: number, columns: number, tileHeight: number, gap: number): number {
  const rows = Math.ceil(count / columns);
  return rows === 0 ? 0 : rows * tileHeight + (rows - 1) * gap;
}

/** Consecutive entries of one size, as drawn: one grid per run. */
function runsOf(entries: readonly WallEntry[], sizeOf: (entry: WallEntry) => TileSize): { size: TileSize; entries: WallEntry[] }[] {
  const runs: { size: TileSize; entries: WallEntry[] }[] = [];
  for (const entry of entries) {
    const size = sizeOf(entry);
    const last = runs[runs.length - 1];
    if (last && last.size === size) last.entries.push(entry);
    else runs.push({ size, entries: [entry] });
  }
  return runs;
}

const dayWords = (days: number) => `${days} ${days === 1 ? "day" : "days"}`;

function groupLabel(group: Omit<WallGroup, "label">): string {
  const head = `${group.count} ${group.status}`;
  if (group.minDaysLeft !== null && group.maxDaysLeft !== null && (group.status === "warning" || group.status === "critical")) {
    const span = group.minDaysLeft === group.maxDaysLeft ? dayWords(group.minDaysLeft) : `${group.minDaysLeft} to ${dayWords(group.maxDaysLeft)}`;
    return `${head} — ${span} left`;
  }
  const reason: Partial<Record<BillingStatus, string>> = {
    disconnected: "VRAs disconnected",
    stale: "no fresh data",
    unknown: "not read yet",
  };
  return reason[group.status] ? `${head} — ${reason[group.status]}` : head;
}

/** Counted groups, worst status first, for the entries not drawn and those only counted. */
export function groupEntries(entries: readonly WallEntry[], unlisted: Partial<Record<BillingStatus, number>> = {}): WallGroup[] {
  const byStatus = new Map<BillingStatus, Omit<WallGroup, "label">>();
  const add = (status: BillingStatus, count: number, daysLeft: number | null) => {
    const group = byStatus.get(status) ?? { status, count: 0, minDaysLeft: null, maxDaysLeft: null };
    group.count += count;
    if (daysLeft !== null) {
      group.minDaysLeft = group.minDaysLeft === null ? daysLeft : Math.min(group.minDaysLeft, daysLeft);
      group.maxDaysLeft = group.maxDaysLeft === null ? daysLeft : Math.max(group.maxDaysLeft, daysLeft);
    }
    byStatus.set(status, group);
  };
  for (const entry of entries) add(entry.status, 1, entry.daysLeft);
  for (const [status, count] of Object.entries(unlisted) as [BillingStatus, number][]) {
    if (count > 0) add(status, count, null);
  }
  return [...byStatus.values()].sort((a, b) => TIER[a.status] - TIER[b.status] || order(a.status) - order(b.status)).map((group) => ({ ...group, label: groupLabel(group) }));
}

const STATUS_ORDER: readonly BillingStatus[] = ["disconnected", "critical", "warning", "stale", "unknown", "ok", "exempt"];
const order = (status: BillingStatus) => STATUS_ORDER.indexOf(status);

interface Plan {
  bands: TileBand[];
  groupBand: GroupBand | null;
  height: number;
}

function planFor(
  shownEntries: readonly WallEntry[],
  groups: WallGroup[],
  sizeOf: (entry: WallEntry) => TileSize,
  area: WallArea,
): Plan {
  const gap = GAP * area.unit;
  const bands: TileBand[] = [];
  let top = 0;
  for (const run of runsOf(shownEntries, sizeOf)) {
    const box = TILE_BOX[run.size];
    const columns = columnsFor(area.width, box.minWidth * area.unit, gap);
    const tileHeight = box.height * area.unit;
    const height = bandHeight(run.entries.length, columns, tileHeight, gap);
    if (bands.length > 0) top += gap;
    bands.push({
      size: run.size,
      top,
      height,
      columns,
      tileWidth: (area.width - gap * (columns - 1)) / columns,
      tileHeight,
      gap,
      entries: run.entries,
    });
    top += height;
  }
  let groupBand: GroupBand | null = null;
  if (groups.length > 0) {
    const columns = Math.min(groups.length, columnsFor(area.width, GROUP_BOX.minWidth * area.unit, gap));
    const rowHeight = GROUP_BOX.height * area.unit;
    const height = bandHeight(groups.length, columns, rowHeight, gap);
    if (bands.length > 0) top += gap;
    groupBand = { top, height, columns, rowHeight, gap, groups };
    top += height;
  }
  return { bands, groupBand, height: top };
}

/** The most entries, from the worst, that fit with the rest grouped; -1 when not even the groups fit. */
function mostThatFit(entries: readonly WallEntry[], unlisted: Partial<Record<BillingStatus, number>>, sizeOf: (entry: WallEntry) => TileSize, area: WallArea): number {
  // Heights grow with the tiles drawn but the groups band can shrink, so test every count from the most down.
  for (let shown = entries.length; shown >= 0; shown -= 1) {
    const plan = planFor(entries.slice(0, shown), groupEntries(entries.slice(shown), unlisted), sizeOf, area);
    if (plan.height <= area.height) return shown;
  }
  return -1;
}

/**
 * entries: the appliances needing attention, worst first (as listAppliances
 * sorts by severity); unlisted: further ones only counted, by status.
 */
export function packWall(entries: readonly WallEntry[], area: WallArea, unlisted: Partial<Record<BillingStatus, number>> = {}): WallPacking {
  const total = entries.length + Object.values(unlisted).reduce((sum, count) => sum + (count ?? 0), 0);
  const done = (plan: Plan, shown: number): WallPacking => ({ bands: plan.bands, groupBand: plan.groupBand, shown, total });
  const noUnlisted = total === entries.length;

  if (noUnlisted) {
    for (const plan of ALL_FIT_PLANS) {
      const sizeOf = (entry: WallEntry) => SIZES[plan[TIER[entry.status]]];
      const laid = planFor(entries, [], sizeOf, area);
      if (laid.height <= area.height) return done(laid, entries.length);
    }
  }

  // Not all fit: the worst keep the biggest tiles that leave room for the rest, the rest go small, then groups.
  const worst = entries.filter((entry) => TIER[entry.status] === 0);
  const othersExist = worst.length < total;
  const budget = othersExist ? area.height * WORST_SHARE : area.height;
  const worstSize =
    SIZES.find((size) => planFor(worst, [], () => size, area).height <= budget) ?? "small";
  const sizeOf = (entry: WallEntry): TileSize => (TIER[entry.status] === 0 ? worstSize : "small");
  const shown = mostThatFit(entries, unlisted, sizeOf, area);
  if (shown >= 0) {
    return done(planFor(entries.slice(0, shown), groupEntries(entries.slice(shown), unlisted), sizeOf, area), shown);
  }
  // Too small even for the groups: one line that counts them all, if that fits.
  const summary: WallGroup = { status: entries[0]?.status ?? "unknown", count: total, minDaysLeft: null, maxDaysLeft: null, label: `${total} need attention` };
  const single = planFor([], [summary], sizeOf, area);
  return single.height <= area.height ? done(single, 0) : { bands: [], groupBand: null, shown: 0, total };
}
