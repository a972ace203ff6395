import { describe, expect, it } from "vitest";
import { DatabaseWatch } from "@/lib/db/database-watch";

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("whether the database can be reached", () => {
  it("is down at once on a lost connection, and up again only when a probe gets through", async () => {
    let up = false;
    const watch = new DatabaseWatch(async () => {
      if (!up) throw refused();
    });
    expect(watch.reachable).toBe(true);
    watch.noteFailure(refused());
    expect(watch.current).toMatchObject({ reachable: false, reason: "ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:5432" });
    expect(await watch.check(0)).toBe(false);
    up = true;
    expect(await watch.check(0)).toBe(true);
    expect(watch.reachable).toBe(true);
  });

  it("asks a probe when an error names no fault, and ignores errors that say nothing about reachability", async () => {
    let probes = 0;
    const watch = new DatabaseWatch(async () => {
      probes += 1;
      throw new Error("Connection terminated unexpectedly");
    });
    watch.noteFailure(Object.assign(new Error("duplicate key"), { code: "23505", severity: "ERROR" }));
    expect([probes, watch.reachable]).toEqual([0, true]);
    watch.noteFailure(new Error("Connection terminated unexpectedly"));
    await watch.check();
    expect([probes, watch.reachable]).toEqual([1, false]);
  });

  it("runs one probe at a time, and one whose own failure is noted does not start another", async () => {
    let probes = 0;
    let watch: DatabaseWatch | null = null;
    watch = new DatabaseWatch(async () => {
      probes += 1;
      const error = new Error("Cannot use a pool after calling end on the pool");
      (watch as DatabaseWatch).noteFailure(error); // as the pool reports a failed connect
      throw error;
    });
    const results = await Promise.all([watch.check(0), watch.check(0), watch.check(0)]);
    expect(results).toEqual([false, false, false]);
    expect(probes).toBe(1);
  });

  it("answers from a probe under maxAge old without probing again", async () => {
    let probes = 0;
    const watch = new DatabaseWatch(async () => {
      probes += 1;
    });
    await watch.check(0);
    await watch.check(60_000);
    expect(probes).toBe(1);
  });
});
