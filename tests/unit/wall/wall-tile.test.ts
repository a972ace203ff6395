import { describe, expect, it } from "vitest";
import { toWallTile, type TileSource } from "@/lib/wall/wall-tile";

const NOW = new Date("2026-11-26T12:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();

const base: TileSource = {
  id: "a1",
  name: "demo-zvm-ams-0044",
  billingStatus: "warning",
  daysUntilDisconnect: null,
  disconnectAt: null,
  failingSince: null,
  statusReasons: [],
  role: "production",
  licenseType: "Cloud",
  tags: { tenant: "acme", region: "ams" },
};

describe("toWallTile", () => {
  it.each<[string, Partial<TileSource>, string]>([
    ["disconnected, past its date", { billingStatus: "disconnected", disconnectAt: ago(2 * DAY + HOUR), failingSince: ago(17 * DAY) }, "VRAs disconnected for 2 d"],
    ["disconnected by the ZVM's alert before the date", { billingStatus: "disconnected", disconnectAt: new Date(NOW.getTime() + DAY).toISOString() }, "VRAs disconnected"],
    ["critical", { billingStatus: "critical", daysUntilDisconnect: 3 }, "3 days left"],
    ["critical, last day", { billingStatus: "critical", daysUntilDisconnect: 0 }, "under a day left"],
    ["warning", { daysUntilDisconnect: 1 }, "1 day left"],
    ["trial licence on production", { licenseType: "Trial", statusReasons: [{ code: "licence-misfit", severity: "warning", message: "…" }] }, "trial licence on production"],
    ["NFR licence on production", { licenseType: "NFR", statusReasons: [{ code: "licence-misfit", severity: "warning", message: "…" }] }, "NFR licence on production"],
    ["cloud licence on a test site", { role: "test", statusReasons: [{ code: "licence-misfit", severity: "warning", message: "…" }] }, "production licence on a test site"],
    ["stale", { billingStatus: "stale", lastDataAt: ago(5 * HOUR + 10_000) }, "no fresh data for 5 h"],
    ["stale while counting down", { billingStatus: "stale", lastDataAt: ago(3 * DAY), daysUntilDisconnect: 4 }, "no fresh data for 3 d · 4 days left"],
    ["stale, never read", { billingStatus: "stale", statusReasons: [{ code: "stale", severity: "warning", message: "never reached: credentials rejected" }] }, "never reached: credentials rejected"],
    ["unknown", { billingStatus: "unknown" }, "not read yet"],
  ])("%s: %s", (_, change, reason) => {
    const tile = toWallTile({ ...base, ...change }, NOW);
    expect(tile.reason).toBe(reason);
    // The reason never repeats the status word on its own ("Warning … Warning").
    expect(tile.reason.toLowerCase()).not.toBe(tile.status);
  });

  it("names tenant, region and how long no send has been proven", () => {
    expect(toWallTile({ ...base, daysUntilDisconnect: 9, failingSince: ago(5 * DAY + HOUR) }, NOW).detail).toBe("acme · ams · no proof of send for 5 d");
    expect(toWallTile({ ...base, tags: {} }, NOW).detail).toBe("no tenant");
  });
});
