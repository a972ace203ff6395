import { describe, expect, it } from "vitest";
import { TtlCache } from "@/lib/heartbeats/ttl-cache";

describe("TtlCache", () => {
  it("loads a key once per TTL and shares a load in progress", async () => {
    let clock = 0;
    let loads = 0;
    const cache = new TtlCache<string, number>(1_000, 100, () => clock);
    const load = async () => ++loads;
    expect(await Promise.all([cache.get("a", load), cache.get("a", load)])).toEqual([1, 1]);
    clock = 999;
    expect(await cache.get("a", load)).toBe(1);
    clock = 1_001;
    expect(await cache.get("a", load)).toBe(2);
  });

  it("does not keep a failed load", async () => {
    const cache = new TtlCache<string, number>(1_000, 100, () => 0);
    await expect(cache.get("a", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.get("a", async () => 7)).toBe(7);
  });
});
