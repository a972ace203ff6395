import https from "node:https";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createZvmSession } from "@/lib/zvm";
import { startSimulator, type Simulator } from "@/simulator";
import { targetFor } from "./helpers";

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({
    controlToken: "control-secret",
    zvms: [
      { id: "a", name: "zvm-ams-a", generation: "linux" },
      { id: "b", generation: "windows", scenario: "cert-change" },
    ],
  });
});

afterAll(async () => {
  await sim?.close();
});

/** The control API over HTTPS, verified against the fleet certificate. */
function control(method: string, path: string, body?: unknown, token = "control-secret") {
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const req = https.request(
      `${sim.url}${path}`,
      {
        method,
        ca: sim.certificatePem,
        headers: { authorization: `Bearer ${token}`, ...(payload ? { "content-type": "application/json" } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : null });
        });
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

describe("control API", () => {
  it("lists the fleet with what a poller needs", async () => {
    const { status, json } = await control("GET", "/_control/zvms");
    expect(status).toBe(200);
    expect(json).toEqual([
      expect.objectContaining({ id: "a", name: "zvm-ams-a", url: `${sim.url}/zvm/a`, fingerprint: sim.fingerprint, scenario: "healthy", generation: "linux" }),
      expect.objectContaining({ id: "b", scenario: "cert-change", generation: "windows", dedicatedPort: true }),
    ]);
  });

  it("changes a scenario at run time, and the ZVM answers accordingly", async () => {
    const patched = await control("POST", "/_control/zvms/a", { scenario: "failing", failingDays: 12 });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ scenario: "failing", behaviour: { failingDays: 12, sendUsageResult: "failed" } });
    const zvm = createZvmSession(targetFor(sim.get("a")));
    try {
      const snapshot = await zvm.readSnapshot();
      expect(snapshot.alerts.some((a) => a.description?.includes("did not send site usage information"))).toBe(true);
    } finally {
      await zvm.close();
    }
  });

  it("counts requests per ZVM and resets the counters", async () => {
    await control("DELETE", "/_control/zvms/a/stats");
    const zvm = createZvmSession(targetFor(sim.get("a")));
    try {
      await zvm.readSnapshot();
    } finally {
      await zvm.close();
    }
    const { json } = await control("GET", "/_control/zvms/a/stats");
    expect(json).toMatchObject({ requests: 6, signIns: { linux: 1, windows: 0 }, byEndpoint: { "GET /v1/alerts": 1 } });
  });

  it("rotates a dedicated ZVM's certificate and expires tokens", async () => {
    const before = sim.get("b").fingerprint;
    const rotated = await control("POST", "/_control/zvms/b/rotate-certificate");
    expect(rotated.status).toBe(200);
    expect((rotated.json as { fingerprint: string }).fingerprint).not.toBe(before);
    expect(sim.get("b").fingerprint).toBe((rotated.json as { fingerprint: string }).fingerprint);
    expect((await control("POST", "/_control/zvms/b/expire-tokens")).status).toBe(204);
  });

  it("refuses to rotate the shared fleet certificate for one ZVM", async () => {
    const { status } = await control("POST", "/_control/zvms/a/rotate-certificate");
    expect(status).toBe(409);
  });

  it.each([
    ["an unknown field", { colour: "red" }, 400],
    ["an unknown scenario", { scenario: "on-fire" }, 400],
    ["a flaky rate above 1", { flakyRate: 2 }, 400],
    ["broken JSON", "{", 400],
  ])("answers 400 for %s", async (_name, body, status) => {
    const res = await control("POST", "/_control/zvms/a", body);
    expect(res.status).toBe(status);
    expect((res.json as { error: string }).error).toBeTruthy();
  });

  it("answers 404 for an unknown ZVM and 401 without the control token", async () => {
    expect((await control("GET", "/_control/zvms/nope")).status).toBe(404);
    expect((await control("GET", "/_control/zvms", undefined, "wrong")).status).toBe(401);
  });
});
