import { describe, expect, it } from "vitest";
import type { BillingStatus } from "@/lib/billing";
import { groupEntries, packWall, wallUnit, type WallArea, type WallEntry, type WallPacking } from "@/lib/wall/pack-wall";

/** A fleet worst first, as listAppliances sorts by severity: counts per status, days left rising. */
function fleet(counts: Partial<Record<BillingStatus, number>>): WallEntry[] {
  const order: BillingStatus[] = ["disconnected", "critical", "warning", "stale", "unknown"];
  return order.flatMap((status) =>
    Array.from({ length: counts[status] ?? 0 }, (_, index) => ({
      id: `${status}-${index}`,
      status,
      daysLeft: status === "critical" ? Math.min(5, index % 6) : status === "warning" ? 6 + Math.floor((index * 9) / Math.max(1, counts[status] ?? 1)) : status === "disconnected" ? 0 : null,
    })),
  );
}

/** The three screens, less the wall's header (title, counts, next disconnect) as drawn at each. */
const AREAS: Record<string, WallArea> = {
  "1366×768": { width: 1330, height: 500, unit: wallUnit({ width: 1366, height: 768 }) },
  "1920×1080": { width: 1880, height: 780, unit: wallUnit({ width: 1920, height: 1080 }) },
  "3840×2160": { width: 3760, height: 1560, unit: wallUnit({ width: 3840, height: 2160 }) },
};

const countBySize = (packing: WallPacking) =>
  Object.fromEntries(packing.bands.map((band) => [band.size, band.entries.length] as const).reduce<[string, number][]>((all, [size, count]) => {
    const found = all.find(([name]) => name === size);
    if (found) found[1] += count;
    else all.push([size, count]);
    return all;
  }, []));

/** Every tile and group box, as the component positions them. */
function boxes(packing: WallPacking, area: WallArea) {
  const out: { x: number; y: number; width: number; height: number }[] = [];
  for (const band of packing.bands) {
    band.entries.forEach((_, index) => {
      const column = index % band.columns;
      const row = Math.floor(index / band.columns);
      out.push({ x: column * (band.tileWidth + band.gap), y: band.top + row * (band.tileHeight + band.gap), width: band.tileWidth, height: band.tileHeight });
    });
  }
  if (packing.groupBand) {
    const band = packing.groupBand;
    const width = (area.width - band.gap * (band.columns - 1)) / band.columns;
    band.groups.forEach((_, index) => {
      const column = index % band.columns;
      const row = Math.floor(index / band.columns);
      out.push({ x: column * (width + band.gap), y: band.top + row * (band.rowHeight + band.gap), width, height: band.rowHeight });
    });
  }
  return out;
}

function expectInside(packing: WallPacking, area: WallArea) {
  for (const box of boxes(packing, area)) {
    expect(box.y + box.height).toBeLessThanOrEqual(area.height + 1e-6);
    expect(box.x + box.width).toBeLessThanOrEqual(area.width + 1e-6);
  }
  const last = packing.groupBand ?? packing.bands[packing.bands.length - 1];
  if (last) expect(last.top + last.height).toBeLessThanOrEqual(area.height + 1e-6);
}

/** Nothing is lost: tiles plus the groups' counts are every appliance. */
function expectAllAccounted(packing: WallPacking) {
  const tiles = packing.bands.reduce((sum, band) => sum + band.entries.length, 0);
  const grouped = packing.groupBand?.groups.reduce((sum, group) => sum + group.count, 0) ?? 0;
  expect(tiles).toBe(packing.shown);
  expect(tiles + grouped).toBe(packing.total);
}

describe("wallUnit", () => {
  it.each([
    [1366, 768, 14.22],
    [1920, 1080, 20],
    [3840, 2160, 40],
    [800, 600, 13],
    [7680, 4320, 48],
  ])("%i×%i → %f px", (width, height, unit) => {
    expect(wallUnit({ width, height })).toBe(unit);
  });
});

describe("packWall", () => {
  it("draws one problem appliance as one large tile", () => {
    const packing = packWall(fleet({ critical: 1 }), AREAS["1920×1080"]);
    expect(countBySize(packing)).toEqual({ large: 1 });
    expect(packing.groupBand).toBeNull();
    expect(packing.shown).toBe(1);
  });

  it("draws 25 as tiles sized by severity, all on the 1920×1080 screen", () => {
    const packing = packWall(fleet({ disconnected: 2, critical: 3, warning: 14, stale: 4, unknown: 2 }), AREAS["1920×1080"]);
    expect(countBySize(packing)).toEqual({ large: 5, medium: 18, small: 2 });
    expect(packing.groupBand).toBeNull();
    expectInside(packing, AREAS["1920×1080"]);
  });

  it.each(Object.keys(AREAS))("at %s, 300 appliances: the worst as large tiles, then small ones, then counted groups", (name) => {
    const area = AREAS[name];
    const packing = packWall(fleet({ disconnected: 15, critical: 30, warning: 165, stale: 45, unknown: 45 }), area);
    expectInside(packing, area);
    expectAllAccounted(packing);
    // Every disconnected and critical one is drawn, on tiles no smaller than any lower severity's.
    const drawn = packing.bands.flatMap((band) => band.entries.map((entry) => ({ ...entry, height: band.tileHeight })));
    const worst = drawn.filter((entry) => entry.status === "disconnected" || entry.status === "critical");
    expect(worst).toHaveLength(45);
    const smallestWorst = Math.min(...worst.map((entry) => entry.height));
    expect(drawn.every((entry) => worst.includes(entry) || entry.height <= smallestWorst)).toBe(true);
    expect(packing.groupBand?.groups.map((group) => group.status)).toContain("unknown");
  });

  it("names the grouped warnings' range of days left, the least urgent being the ones grouped", () => {
    const entries = fleet({ critical: 10, warning: 300 });
    const packing = packWall(entries, AREAS["1920×1080"]);
    const warning = packing.groupBand?.groups.find((group) => group.status === "warning");
    expect(warning).toBeDefined();
    const drawn = packing.bands.flatMap((band) => band.entries).filter((entry) => entry.status === "warning");
    const maxDrawn = Math.max(...drawn.map((entry) => entry.daysLeft ?? 0));
    expect(warning!.minDaysLeft).toBeGreaterThanOrEqual(maxDrawn);
    expect(warning!.label).toBe(`${warning!.count} warning — ${warning!.minDaysLeft} to ${warning!.maxDaysLeft} days left`);
  });

  it.each([1, 2, 10, 25, 60, 120, 300, 500, 1000])("never draws beyond any screen, for %i appliances", (count) => {
    const entries = fleet({
      disconnected: Math.ceil(count * 0.05),
      critical: Math.ceil(count * 0.1),
      warning: Math.ceil(count * 0.55),
      stale: Math.ceil(count * 0.15),
      unknown: Math.ceil(count * 0.15),
    }).slice(0, count);
    for (const [name, area] of Object.entries(AREAS)) {
      for (const height of [area.height, area.height - 137, Math.round(area.height / 3)]) {
        const packing = packWall(entries, { ...area, height });
        expectInside(packing, { ...area, height });
        expectAllAccounted(packing);
        expect(packing.total, name).toBe(count);
      }
    }
  });

  it("groups even the worst when a thousand are disconnected", () => {
    const packing = packWall(fleet({ disconnected: 1000 }), AREAS["1920×1080"]);
    expectInside(packing, AREAS["1920×1080"]);
    expectAllAccounted(packing);
    expect(packing.shown).toBeGreaterThan(20);
    expect(packing.groupBand?.groups).toEqual([expect.objectContaining({ status: "disconnected", label: `${1000 - packing.shown} disconnected — VRAs disconnected` })]);
  });

  it("counts appliances beyond the listed ones into groups", () => {
    const packing = packWall(fleet({ warning: 10 }), AREAS["1920×1080"], { warning: 40, unknown: 3 });
    expect(packing.total).toBe(53);
    expect(packing.groupBand?.groups.map((group) => [group.status, group.count])).toEqual([
      ["warning", 40],
      ["unknown", 3],
    ]);
    expectAllAccounted(packing);
  });

  it("says only the count when the area cannot hold a group per status", () => {
    const packing = packWall(fleet({ critical: 5, warning: 5, unknown: 5 }), { width: 300, height: 50, unit: 20 });
    expect(packing.bands).toEqual([]);
    expect(packing.groupBand?.groups.map((group) => group.label)).toEqual(["15 need attention"]);
  });

  it("is deterministic", () => {
    const entries = fleet({ disconnected: 7, critical: 20, warning: 200, stale: 40, unknown: 33 });
    expect(packWall(entries, AREAS["1920×1080"])).toEqual(packWall(entries, AREAS["1920×1080"]));
  });
});

describe("groupEntries", () => {
  it.each([
    [{ status: "warning", days: [9, 12, 10] }, "3 warning — 9 to 12 days left"],
    [{ status: "critical", days: [1, 1] }, "2 critical — 1 day left"],
    [{ status: "stale", days: [null] }, "1 stale — no fresh data"],
    [{ status: "unknown", days: [null, null] }, "2 unknown — not read yet"],
  ] as const)("%o reads %s", ({ status, days }, label) => {
    const entries = days.map((daysLeft, index) => ({ id: String(index), status, daysLeft }));
    expect(groupEntries(entries).map((group) => group.label)).toEqual([label]);
  });
});
