import { describe, expect, it } from "vitest";
import { planDemoHistory, type DemoAppliance } from "@/lib/history/demo-history";

const NOW = new Date("2026-11-25T21:00:00Z");
const DAY = 86_400_000;

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const fleet: DemoAppliance[] = Array.from({ length: 30 }, (_, index) => ({
  id: `id-${index}`,
  name: `demo-zvm-${index}`,
  tenant: ["acme", "globex"][index % 2],
  region: "ams",
  role: index === 29 ? "test" : "production",
  sendsNothing: index === 29 || index === 28,
  failingSince: index === 27 ? new Date(NOW.getTime() - 9.5 * DAY) : null,
}));

const options = { days: 90, graceDays: 15, criticalDays: 5, random: seeded(7) };

describe("the demo's generated history", () => {
  const plan = planDemoHistory(fleet, NOW, options);

  it("covers 90 days up to yesterday, some appliances from a later first day", () => {
    expect([plan.from, plan.to]).toEqual(["2026-08-27", "2026-11-24"]);
    const perAppliance = new Map<string, number>();
    for (const day of plan.days) perAppliance.set(day.applianceId, (perAppliance.get(day.applianceId) ?? 0) + 1);
    expect(perAppliance.get("id-0")).toBe(90);
    expect([...perAppliance.values()].some((count) => count < 90)).toBe(true);
    expect(plan.days.every((day) => day.day >= plan.from && day.day <= plan.to)).toBe(true);
  });

  it("has recoveries, a near-disconnect and a disconnect, every one ended by a proven send", () => {
    expect(plan.episodes.length).toBeGreaterThan(5);
    expect(plan.episodes.some((episode) => episode.criticalAt && !episode.disconnectedAt)).toBe(true);
    expect(plan.episodes.some((episode) => episode.disconnectedAt)).toBe(true);
    expect(plan.episodes.every((episode) => episode.endedAt.getTime() < new Date("2026-11-25T00:00:00Z").getTime())).toBe(true);
  });

  it("the days agree with the episodes: failing minutes and status", () => {
    const near = plan.episodes.find((episode) => episode.criticalAt && !episode.disconnectedAt)!;
    const criticalDay = near.criticalAt!.toISOString().slice(0, 10);
    const row = plan.days.find((day) => day.applianceId === near.applianceId && day.day === criticalDay)!;
    expect(row.worstStatus).toBe("critical");
    expect(row.minutesFailing).toBeGreaterThan(0);
    const sending = plan.days.filter((day) => Number(day.applianceId.slice(3)) < 27);
    expect(sending.filter((day) => day.minutesFailing === 0).every((day) => day.worstStatus === "ok")).toBe(true);
    expect(sending.filter((day) => day.minutesFailing > 0).every((day) => day.worstStatus !== "ok")).toBe(true);
  });

  it("the failure an appliance shows now runs through its recent days, with no episode of its own (the worker records it)", () => {
    const live = plan.days.filter((day) => day.applianceId === "id-27" && day.day >= "2026-11-17");
    expect(live.every((day) => day.minutesFailing > 0 && day.worstStatus !== "ok")).toBe(true);
    expect(live.at(-1)?.minutesFailing).toBe(1440);
    expect(plan.episodes.filter((episode) => episode.applianceId === "id-27").every((episode) => episode.endedAt.getTime() < NOW.getTime() - 9.5 * DAY)).toBe(true);
  });

  it("licences that send nothing: exempt on a test role, a warning every day on a production role", () => {
    expect(new Set(plan.days.filter((day) => day.applianceId === "id-29").map((day) => day.worstStatus))).toEqual(new Set(["exempt"]));
    expect(new Set(plan.days.filter((day) => day.applianceId === "id-28").map((day) => day.worstStatus))).toEqual(new Set(["warning"]));
  });

  it("is the same for the same seed", () => {
    expect(planDemoHistory(fleet, NOW, { ...options, random: seeded(7) })).toEqual(planDemoHistory(fleet, NOW, { ...options, random: seeded(7) }));
  });
});
