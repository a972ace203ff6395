import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppliance } from "@/lib/appliances/register-appliance";
import { SessionCache } from "@/lib/poller/session-cache";
import { sweepDueAppliances } from "@/lib/poller/poll-sweep-job";
import { updateSettings } from "@/lib/settings/update-settings";
import { startSimulator, type Simulator } from "@/simulator";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { jobContext, simulatedApplianceInput, testAdmin } from "../helpers/worker-context";

const SLOW_MS = 4_000;

// A ZVM that takes seconds to answer holds one poll lane. An appliance that
// falls due meanwhile ("Poll now", its interval) is polled by an idle lane at
// once, not after the slow one ends the sweep.
describe.each(testDbKinds())("a slow ZVM does not hold the fleet back (%s)", (kind) => {
  let sim: Simulator;
  let handle: TestDb;
  const sessions = new SessionCache(() => ({ connectTimeoutMs: 2_000, requestTimeoutMs: 10_000 }));
  const ids = new Map<string, string>();

  beforeAll(async () => {
    sim = await startSimulator({
      zvms: [
        { id: "slow", generation: "linux", scenario: "slow", delayMs: SLOW_MS },
        { id: "quick", generation: "linux", scenario: "healthy" },
      ],
      seed: 11,
    });
    handle = await createTestDb(kind);
    await updateSettings(handle.db, testAdmin, { pollTimeoutSeconds: 30, pollConcurrency: 4 });
    for (const zvm of sim.list()) {
      const appliance = await registerAppliance(handle.db, testAdmin, simulatedApplianceInput(zvm, `lanes-${zvm.id}`));
      ids.set(zvm.id, appliance.id);
    }
  });

  afterAll(async () => {
    await sessions.closeAll();
    await handle?.drop();
    await sim?.close();
  });

  it("polls an appliance that falls due while the slow ZVM is still answering", async () => {
    await handle.db.prisma.appliance.update({ where: { id: ids.get("quick")! }, data: { nextPollAt: new Date(Date.now() + 1_000) } });
    const started = Date.now();
    const sweep = sweepDueAppliances(jobContext(handle.db), sessions);
    let quickPolledAfterMs: number | null = null;
    while (quickPolledAfterMs === null && Date.now() - started < SLOW_MS * 3) {
      const quick = await handle.db.prisma.appliance.findUniqueOrThrow({ where: { id: ids.get("quick")! } });
      if (quick.lastPollAttemptAt) quickPolledAfterMs = quick.lastPollAttemptAt.getTime() - started;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const polled = await sweep;
    const sweepMs = Date.now() - started;

    expect(polled).toBe(2);
    expect(quickPolledAfterMs).not.toBeNull();
    // Due after 1 s, polled well before the slow ZVM's answer ends the sweep.
    expect(quickPolledAfterMs!).toBeLessThan(SLOW_MS - 1_000);
    expect(sweepMs).toBeGreaterThanOrEqual(SLOW_MS);
  });
});
