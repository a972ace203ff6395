import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimDueApplianceRows } from "@/lib/poller/claim-due-appliances";
import { SessionCache } from "@/lib/poller/session-cache";
import { sweepDueAppliances } from "@/lib/poller/poll-sweep-job";
import { updateSettings } from "@/lib/settings/update-settings";
import { startSimulator, type Simulator } from "@/simulator";
import { registerSimulatedFleet } from "@/scripts/lib/simulated-fleet";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { jobContext, testAdmin } from "../helpers/worker-context";
import { postgresAvailable } from "../../helpers/postgres";

const FLEET = 1_000;

// Several workers share a fleet only on PostgreSQL (the embedded database has one owner).
describe.skipIf(!postgresAvailable("workers sharing a fleet on PostgreSQL"))("workers sharing a fleet on PostgreSQL", () => {
  let sim: Simulator;
  let handle: TestDb;

  beforeAll(async () => {
    sim = await startSimulator({
      zvms: Array.from({ length: FLEET }, (_, index) => ({ id: String(index), generation: index % 2 ? "linux" : "windows" })),
    });
    handle = await createTestDb("postgres", { poolSize: 20 });
    await updateSettings(handle.db, testAdmin, { pollConcurrency: 32, pollTimeoutSeconds: 10 });
    await registerSimulatedFleet(handle.db, sim.list(), { name: (id) => `zvm-${id.padStart(4, "0")}`, dueNow: true });
  }, 180_000);

  afterAll(async () => {
    await handle?.drop();
    await sim?.close();
  });

  it("two workers sweep 1,000 appliances with none polled twice", async () => {
    const a = new SessionCache(() => ({ connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 }));
    const b = new SessionCache(() => ({ connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 }));
    const [polledByA, polledByB] = await Promise.all([
      sweepDueAppliances(jobContext(handle.db, "worker-a"), a),
      sweepDueAppliances(jobContext(handle.db, "worker-b"), b),
    ]);
    await Promise.all([a.closeAll(), b.closeAll()]);
    expect(polledByA + polledByB).toBe(FLEET);
    expect(polledByA).toBeGreaterThan(0);
    expect(polledByB).toBeGreaterThan(0);
    const perAppliance = await handle.db.prisma.poll.groupBy({ by: ["applianceId"], _count: { _all: true } });
    expect(perAppliance).toHaveLength(FLEET);
    expect(perAppliance.every((group) => group._count._all === 1)).toBe(true);
    const byWorker = await handle.db.prisma.poll.groupBy({ by: ["workerId"], _count: { _all: true } });
    expect(Object.fromEntries(byWorker.map((group) => [group.workerId, group._count._all]))).toEqual({
      "worker-a": polledByA,
      "worker-b": polledByB,
    });
    // Nothing is due again within the interval.
    expect(await sweepDueAppliances(jobContext(handle.db, "worker-c"), new SessionCache(() => ({ connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 })))).toBe(0);
  }, 120_000);

  it("a worker killed mid-sweep loses no appliance: its leases expire and another takes them", async () => {
    await handle.db.prisma.appliance.updateMany({ data: { nextPollAt: new Date(Date.now() - 1_000) } });
    // The dead worker claimed 300 appliances, then vanished.
    const orphaned = await claimDueApplianceRows(handle.db, "worker-dead", 300, 10 * 60_000);
    expect(orphaned).toHaveLength(300);
    const sessions = new SessionCache(() => ({ connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 }));
    const first = await sweepDueAppliances(jobContext(handle.db, "worker-live"), sessions);
    expect(first).toBe(FLEET - 300);
    // Its lease runs out (time moved on by setting the expiry into the past).
    await handle.db.prisma.appliance.updateMany({
      where: { leaseOwner: "worker-dead" },
      data: { leaseUntil: new Date(Date.now() - 1) },
    });
    const second = await sweepDueAppliances(jobContext(handle.db, "worker-live"), sessions);
    await sessions.closeAll();
    expect(second).toBe(300);
    const polledTwice = await handle.db.prisma.poll.groupBy({ by: ["applianceId"], _count: { _all: true } });
    expect(polledTwice.every((group) => group._count._all === 2)).toBe(true);
    expect(await handle.db.prisma.appliance.count({ where: { leaseOwner: { not: null } } })).toBe(0);
  }, 120_000);
});
