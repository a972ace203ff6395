import { describe, expect, it } from "vitest";
import { SCENARIOS, mixedFleet } from "@/simulator";

describe("mixedFleet", () => {
  it("is the same fleet for the same seed and another for another seed", () => {
    expect(mixedFleet(50, 7)).toEqual(mixedFleet(50, 7));
    expect(mixedFleet(50, 7)).not.toEqual(mixedFleet(50, 8));
  });

  it("is mostly healthy and holds every scenario in a large fleet", () => {
    const fleet = mixedFleet(2_000, 3);
    const counts = new Map<string, number>();
    for (const spec of fleet) counts.set(spec.scenario!, (counts.get(spec.scenario!) ?? 0) + 1);
    expect(counts.get("healthy")! / fleet.length).toBeGreaterThan(0.6);
    for (const scenario of SCENARIOS) expect(counts.get(scenario) ?? 0, scenario).toBeGreaterThan(0);
    expect(new Set(fleet.map((spec) => spec.id)).size).toBe(fleet.length);
  });

  it("runs pre-9.0 versions on Windows only and failing days inside the grace period", () => {
    const fleet = mixedFleet(2_000, 5);
    for (const spec of fleet.filter((s) => s.scenario === "pre-9")) {
      expect(spec.generation).toBe("windows");
      expect(Number.parseInt(spec.version!, 10)).toBeLessThan(9);
    }
    for (const spec of fleet.filter((s) => s.scenario === "failing")) expect(spec.failingDays).toBeLessThan(15);
    for (const spec of fleet.filter((s) => s.scenario === "disconnected")) expect(spec.failingDays).toBeGreaterThan(15);
  });
});
