import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createZvmSession, type ZvmSession } from "@/lib/zvm";
import { startSimulator, type Generation, type Simulator } from "@/simulator";
import { targetFor } from "./helpers";

const BILLING_TEXT = "did not send site usage information";

let sim: Simulator;
let sessions: ZvmSession[] = [];

function session(id: string): ZvmSession {
  const created = createZvmSession(targetFor(sim.get(id)));
  sessions.push(created);
  return created;
}

beforeAll(async () => {
  sim = await startSimulator({
    zvms: (["windows", "linux"] as Generation[]).flatMap((generation) => [
      { id: `${generation}-recovers`, generation, scenario: "failing", failingDays: 4, sendUsageResult: "passed" },
      { id: `${generation}-disconnected`, generation, scenario: "disconnected", sendUsageResult: "passed" },
      { id: `${generation}-starts-failing`, generation, scenario: "healthy", sendUsageResult: "failed" },
      { id: `${generation}-error`, generation, scenario: "healthy", sendUsageResult: "http-500" },
      { id: `${generation}-trial`, generation, scenario: "trial" },
    ]),
  });
});

afterEach(async () => {
  await Promise.all(sessions.map((s) => s.close()));
  sessions = [];
});

afterAll(async () => {
  await sim?.close();
});

const billingAlerts = async (zvm: ZvmSession) =>
  (await zvm.readSnapshot()).alerts.filter((alert) => alert.description?.includes(BILLING_TEXT));

describe.each<Generation>(["windows", "linux"])("sendUsage on a %s ZVM", (generation) => {
  it("passed: clears the billing alert, as the banner goes away", async () => {
    const zvm = session(`${generation}-recovers`);
    expect(await billingAlerts(zvm)).toHaveLength(1);
    expect(await zvm.sendUsage()).toEqual({ result: "passed", detail: "Passed" });
    expect(await billingAlerts(zvm)).toEqual([]);
  });

  it("passed on a disconnected ZVM: both alerts clear and the VRAs reconnect", async () => {
    const zvm = session(`${generation}-disconnected`);
    expect(await billingAlerts(zvm)).toHaveLength(2);
    expect((await zvm.sendUsage()).result).toBe("passed");
    const snapshot = await zvm.readSnapshot();
    expect(snapshot.alerts.filter((a) => a.description?.includes(BILLING_TEXT))).toEqual([]);
    expect(snapshot.vras!.notConnected).toBe(0);
  });

  it("failed: raises the billing alert when it was not raised", async () => {
    const zvm = session(`${generation}-starts-failing`);
    expect(await billingAlerts(zvm)).toEqual([]);
    const before = Date.now();
    expect(await zvm.sendUsage()).toEqual({ result: "failed", detail: "Failed" });
    const [alert] = await billingAlerts(zvm);
    expect(alert!.turnedOn!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    // A second failure keeps the first alert's time.
    await zvm.sendUsage();
    expect((await billingAlerts(zvm))[0]!.turnedOn).toEqual(alert!.turnedOn);
  });

  it("an HTTP 500 answer is a failed test with the status in the detail", async () => {
    expect(await session(`${generation}-error`).sendUsage()).toEqual({ result: "failed", detail: "http 500" });
  });

  it("a trial licence fails the test without raising the billing alert", async () => {
    const zvm = session(`${generation}-trial`);
    expect((await zvm.sendUsage()).result).toBe("failed");
    expect(await billingAlerts(zvm)).toEqual([]);
  });
});
