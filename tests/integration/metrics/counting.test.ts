import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppliance } from "@/lib/appliances/register-appliance";
import { ingestHeartbeats } from "@/lib/heartbeats/ingest-heartbeats";
import { flushMetricCounters } from "@/lib/metrics/metric-counters";
import { SessionCache } from "@/lib/poller/session-cache";
import { sweepDueAppliances } from "@/lib/poller/poll-sweep-job";
import { updateSettings } from "@/lib/settings/update-settings";
import { startSimulator, type Simulator } from "@/simulator";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { jobContext, simulatedApplianceInput, testAdmin } from "../helpers/worker-context";
import { reportingTarget } from "../heartbeats/reporting-target";

// The counters as the work itself adds them: polls by the worker's sweep over
// real (simulated) ZVMs, heartbeats through the ingest verb.

describe.each(testDbKinds())("counting for /metrics (%s)", (kind) => {
  let sim: Simulator;
  let handle: TestDb;
  const sessions = new SessionCache(() => ({ connectTimeoutMs: 2_000, requestTimeoutMs: 3_000 }));
  const counter = async (name: string, labelKey = "") =>
    (await handle.db.prisma.metricCounter.findUnique({ where: { name_labelKey: { name, labelKey } } }))?.value ?? 0;

  beforeAll(async () => {
    sim = await startSimulator({
      zvms: [
        { id: "healthy", generation: "linux", scenario: "healthy" },
        { id: "locked", generation: "windows", scenario: "healthy" },
        { id: "slow", generation: "linux", scenario: "slow", delayMs: 5_000 },
      ],
      seed: 3,
    });
    handle = await createTestDb(kind);
    await updateSettings(handle.db, testAdmin, { pollTimeoutSeconds: 2 });
  });
  afterAll(async () => {
    await sessions.closeAll();
    await handle?.drop();
    await sim?.close();
  });

  it("counts every poll in the duration histogram and each failure by its reason", async () => {
    for (const zvm of sim.list()) {
      await registerAppliance(
        handle.db,
        testAdmin,
        simulatedApplianceInput(zvm, `sim-${zvm.id}`, zvm.id === "locked" ? { password: "not the password" } : {}),
      );
    }
    expect(await sweepDueAppliances(jobContext(handle.db), sessions)).toBe(3);
    await flushMetricCounters(handle.db);
    expect(await counter("lifeline_poll_duration_seconds_count")).toBe(3);
    expect(await counter("lifeline_poll_errors_total", 'reason="auth"')).toBe(1);
    expect(await counter("lifeline_poll_errors_total", 'reason="timeout"')).toBe(1);
    const buckets = await handle.db.prisma.metricCounter.findMany({ where: { name: "lifeline_poll_duration_seconds_bucket" } });
    expect(buckets.reduce((sum, bucket) => sum + bucket.value, 0)).toBe(3);
    // The timed-out poll took about the timeout (2 s): it sits in the 2.5 s bucket.
    expect(await counter("lifeline_poll_duration_seconds_bucket", 'le="2.5"')).toBeGreaterThanOrEqual(1);
    expect(await counter("lifeline_poll_duration_seconds_sum")).toBeGreaterThan(1.9);
  });

  it("counts heartbeats accepted, sent again, and rejected", async () => {
    const { applianceId } = await reportingTarget(handle.db, "reporting-1");
    const token = await handle.db.prisma.apiToken.findFirstOrThrow({ where: { role: "collector" } });
    const actor = { kind: "token" as const, id: token.id, label: `token:${token.name}`, role: "collector" as const, scope: token.scope };
    const [older, old, fresh] = [3_000, 2_000, 1_000].map((ms) => new Date(Date.now() - ms).toISOString());
    const first = await ingestHeartbeats(handle.db, actor, { heartbeats: [{ applianceId, observedAt: older }, { applianceId, observedAt: old }] });
    expect(first).toMatchObject({ accepted: 2, duplicates: 0, rejected: [] });
    const again = await ingestHeartbeats(handle.db, actor, {
      heartbeats: [{ applianceId, observedAt: fresh }, { applianceId, observedAt: older }, { applianceId, observedAt: "2031-01-01T00:00:00Z" }],
    });
    expect(again).toMatchObject({ accepted: 1, duplicates: 1, rejected: [expect.objectContaining({ index: 2 })] });
    await flushMetricCounters(handle.db);
    expect(await counter("lifeline_heartbeats_total", 'result="accepted"')).toBe(3);
    expect(await counter("lifeline_heartbeats_total", 'result="duplicate"')).toBe(1);
    expect(await counter("lifeline_heartbeats_total", 'result="rejected"')).toBe(1);
  });
});
