import net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createZvmSession, isZvmError, type ZvmSession, type ZvmSessionOptions } from "@/lib/zvm";
import { startSimulator, type Simulator } from "@/simulator";
import { targetFor, zvmErrorOf } from "./helpers";

let sim: Simulator;
let sessions: ZvmSession[] = [];

function session(id: string, options: ZvmSessionOptions = {}): ZvmSession {
  const created = createZvmSession(targetFor(sim.get(id)), options);
  sessions.push(created);
  return created;
}

beforeAll(async () => {
  sim = await startSimulator({
    seed: 42,
    zvms: [
      { id: "slow", generation: "linux", scenario: "slow", delayMs: 1_500 },
      { id: "hanging", generation: "windows", scenario: "slow", delayMs: 60_000 },
      { id: "flaky-windows", generation: "windows", scenario: "flaky", flakyRate: 1 },
      { id: "flaky-linux", generation: "linux", scenario: "flaky", flakyRate: 1 },
      ...Array.from({ length: 8 }, (_, i) => ({ id: `ok-${i}`, generation: i % 2 ? "windows" : "linux" }) as const),
    ],
  });
});

afterEach(async () => {
  await Promise.all(sessions.map((s) => s.close()));
  sessions = [];
});

afterAll(async () => {
  await sim?.close();
});

describe("timeouts", () => {
  it("a slow ZVM with a short request timeout fails with timeout, on time", async () => {
    const started = performance.now();
    const error = await zvmErrorOf(session("slow", { requestTimeoutMs: 300 }).readSnapshot());
    expect(error.reason).toBe("timeout");
    expect(error.message).toMatch(/did not answer .* within 300 ms\.$/);
    expect(performance.now() - started).toBeLessThan(1_200);
  });

  it("a hanging ZVM does not hold up the others", async () => {
    const hanging = session("hanging", { requestTimeoutMs: 2_500 }).readSnapshot();
    const hangingResult = hanging.then(
      () => "resolved",
      (error: unknown) => error,
    );
    const started = performance.now();
    const others = await Promise.all(
      Array.from({ length: 8 }, (_, i) => session(`ok-${i}`, { requestTimeoutMs: 2_500 }).readSnapshot()),
    );
    expect(others).toHaveLength(8);
    expect(performance.now() - started).toBeLessThan(2_000);
    const error = await hangingResult;
    expect(isZvmError(error) && error.reason).toBe("timeout");
  });

  it("an abort signal ends a call at once", async () => {
    const controller = new AbortController();
    const call = session("slow").readSnapshot(controller.signal);
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const error = await zvmErrorOf(call);
    expect(error.reason).toBe("timeout");
    expect(error.message).toBe("the request was cancelled (the poll ran out of time).");
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("an already aborted signal fails without a request", async () => {
    const before = sim.stats("ok-0").requests;
    const error = await zvmErrorOf(session("ok-0").sendUsage(AbortSignal.abort()));
    expect(error.reason).toBe("timeout");
    expect(sim.stats("ok-0").requests).toBe(before);
  });

  it("a server that accepts TCP but never speaks TLS hits the connect timeout", async () => {
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const zvm = createZvmSession(
        { url: `https://127.0.0.1:${port}`, username: "u", password: "p", authScheme: "linux", tlsFingerprintSha256: "00".repeat(32), trustOnFirstUse: false },
        { connectTimeoutMs: 200, requestTimeoutMs: 5_000 },
      );
      sessions.push(zvm);
      const error = await zvmErrorOf(zvm.readSnapshot());
      expect(error.reason).toBe("timeout");
      expect(error.message).toMatch(/did not complete the connection within 200 ms: a firewall may drop the traffic\.$/);
    } finally {
      silent.close();
    }
  });
});

describe("network", () => {
  it("a refused connection is a network error", async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const zvm = createZvmSession({
      url: `https://127.0.0.1:${port}`,
      username: "u",
      password: "p",
      authScheme: "auto",
      tlsFingerprintSha256: null,
      trustOnFirstUse: true,
    });
    sessions.push(zvm);
    const error = await zvmErrorOf(zvm.readSnapshot());
    expect(error).toMatchObject({
      reason: "network",
      message: `connection refused by 127.0.0.1:${port}: nothing listens there. Check the address and port (Windows ZVM 9669, Linux ZVM 443).`,
    });
  });

  it("a URL that is not https is refused up front", async () => {
    const zvm = createZvmSession({ url: "http://127.0.0.1:1", username: "u", password: "p", authScheme: "auto", tlsFingerprintSha256: null, trustOnFirstUse: true });
    sessions.push(zvm);
    expect((await zvmErrorOf(zvm.readSnapshot())).reason).toBe("network");
  });
});

describe.each(["flaky-windows", "flaky-linux"])("%s (every API call misbehaves)", (id) => {
  it("each failure is a typed error: timeout, http 500 or bad response", async () => {
    const zvm = session(id, { requestTimeoutMs: 250 });
    const seen = new Map<string, string>();
    for (let i = 0; i < 30 && seen.size < 3; i++) {
      const error = await zvmErrorOf(zvm.readSnapshot());
      seen.set(error.reason, error.message);
      if (error.reason === "http") expect(error.status).toBe(500);
    }
    expect(Object.fromEntries(seen)).toEqual({
      timeout: expect.stringMatching(/did not answer \/zvm\/flaky-\w+\/v1\/\w+ within 250 ms\.$/),
      http: expect.stringMatching(/^the ZVM answered HTTP 500 on \/v1\/\w+: (An error has occurred|Internal Server Error)\.$/),
      "bad-response": expect.stringMatching(/^\/v1\/\w+ is not valid JSON\.$/),
    });
  });
});
