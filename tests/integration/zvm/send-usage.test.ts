import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createZvmSession, isLocalAlert, isVraConnectionAlert, isZvmError, type ZvmSession } from "@/lib/zvm";
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
      { id: `${generation}-forbidden`, generation, scenario: "healthy", sendUsageResult: "forbidden" },
      { id: `${generation}-no-endpoint`, generation, scenario: "healthy", sendUsageResult: "not-found" },
      { id: `${generation}-busy`, generation, scenario: "healthy", transientEvery: 1 },
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

async function localAlerts(zvm: ZvmSession) {
  const snapshot = await zvm.readSnapshot();
  return snapshot.alerts.filter((alert) => isLocalAlert(alert, snapshot.localSite?.siteIdentifier ?? null));
}

const billingAlerts = async (zvm: ZvmSession) => (await localAlerts(zvm)).filter((alert) => alert.description?.includes(BILLING_TEXT));

async function errorOf(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!isZvmError(error)) throw new Error(`expected a ZvmError, got ${String(error)}`);
  return error;
}

describe.each<Generation>(["windows", "linux"])("sendUsage on a %s ZVM", (generation) => {
  it("passed: clears the billing alert, as the banner goes away", async () => {
    const zvm = session(`${generation}-recovers`);
    expect(await billingAlerts(zvm)).toHaveLength(1);
    const result = await zvm.sendUsage();
    expect(result.result).toBe("passed");
    // Windows answers ["Passed"]; Linux 204 without content.
    expect(result.detail).toContain(generation === "windows" ? "Passed" : "HTTP 204");
    expect(await billingAlerts(zvm)).toEqual([]);
  });

  it("passed on a disconnected ZVM: both alerts and the VRA connection alerts clear", async () => {
    const zvm = session(`${generation}-disconnected`);
    expect(await billingAlerts(zvm)).toHaveLength(2);
    expect((await zvm.sendUsage()).result).toBe("passed");
    const alerts = await localAlerts(zvm);
    expect(alerts.filter((a) => a.description?.includes(BILLING_TEXT))).toEqual([]);
    expect(alerts.filter(isVraConnectionAlert)).toEqual([]);
  });

  it("failed: raises the billing alert when it was not raised, and carries the ZVM's words", async () => {
    const zvm = session(`${generation}-starts-failing`);
    expect(await billingAlerts(zvm)).toEqual([]);
    const before = Date.now();
    const result = await zvm.sendUsage();
    expect(result.result).toBe("failed");
    // Windows answers ["Failed"]; Linux an HTTP 500 with its message.
    expect(result.detail).toMatch(generation === "windows" ? /Failed/ : /HTTP 500: Failed to send usage data/);
    const [alert] = await billingAlerts(zvm);
    expect(alert!.turnedOn!.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    // A second failure keeps the first alert's time.
    await zvm.sendUsage();
    expect((await billingAlerts(zvm))[0]!.turnedOn).toEqual(alert!.turnedOn);
  });

  it("any other error answer is a failed test carrying the status and the ZVM's message", async () => {
    const result = await session(`${generation}-error`).sendUsage();
    expect(result.result).toBe("failed");
    expect(result.detail).toMatch(/HTTP 500: (An error has occurred|Internal Server Error)\)$/);
  });

  it("403: an error saying the account may not send, never a failed test", async () => {
    const error = await errorOf(session(`${generation}-forbidden`).sendUsage());
    expect(error.reason).toBe("forbidden");
    expect(error.message).toMatch(/may not send usage data \(HTTP 403\)/);
  });

  it("404: an error saying the ZVM has no such endpoint", async () => {
    const error = await errorOf(session(`${generation}-no-endpoint`).sendUsage());
    expect(error.reason).toBe("not-found");
    expect(error.message).toContain("HTTP 404");
  });

  it("a transient 503 is retried once within the test", async () => {
    // Every other call answers 503 once: each read and the send must still succeed.
    const zvm = session(`${generation}-busy`);
    expect((await zvm.sendUsage()).result).toBe("passed");
    expect(sim.stats(`${generation}-busy`).byEndpoint["POST /v1/localsite/billing/sendusage"]).toBe(2);
  });

  it("a trial licence fails the test without raising the billing alert", async () => {
    const zvm = session(`${generation}-trial`);
    expect((await zvm.sendUsage()).result).toBe("failed");
    expect(await billingAlerts(zvm)).toEqual([]);
  });
});
