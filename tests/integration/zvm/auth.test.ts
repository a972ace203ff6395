import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createZvmSession, type ZvmSession } from "@/lib/zvm";
import { startSimulator, type Generation, type Simulator } from "@/simulator";
import { targetFor, zvmErrorOf } from "./helpers";

const KEYCLOAK = "POST /auth/realms/zerto/protocol/openid-connect/token";
const SESSION_ADD = "POST /v1/session/add";

let sim: Simulator;
let sessions: ZvmSession[] = [];

function session(id: string, overrides: Parameters<typeof targetFor>[1] = {}): ZvmSession {
  const created = createZvmSession(targetFor(sim.get(id), overrides));
  sessions.push(created);
  return created;
}

beforeAll(async () => {
  sim = await startSimulator({
    // Short lifetimes so expiry is observable: Linux tokens live 2 s, Windows sessions end after 1 s idle.
    tokenTtlSeconds: 2,
    sessionIdleSeconds: 1,
    zvms: ["windows", "linux"].flatMap((generation) =>
      ["auto", "reuse", "revoked", "expiry", "wrong-password", "fixed"].map((use) => ({
        id: `${generation}-${use}`,
        generation: generation as Generation,
      })),
    ),
  });
});

afterEach(async () => {
  await Promise.all(sessions.map((s) => s.close()));
  sessions = [];
});

afterAll(async () => {
  await sim?.close();
});

describe("auto scheme", () => {
  it("falls back from Keycloak to a Windows session and remembers it", async () => {
    const zvm = session("windows-auto", { authScheme: "auto" });
    expect(zvm.authScheme).toBeNull();
    const snapshot = await zvm.readSnapshot();
    expect(snapshot.authScheme).toBe("windows");
    expect(zvm.authScheme).toBe("windows");
    expect(sim.stats("windows-auto").byEndpoint[KEYCLOAK]).toBe(1);
    expect(sim.stats("windows-auto").signIns.windows).toBe(1);

    // The next sign-in (the session was revoked) goes straight to the remembered scheme.
    sim.expireTokens("windows-auto");
    await zvm.readSnapshot();
    const stats = sim.stats("windows-auto");
    expect(stats.byEndpoint[KEYCLOAK]).toBe(1);
    expect(stats.signIns.windows).toBe(2);
  });

  it("signs in to a Linux ZVM with Keycloak first, without touching /v1/session/add", async () => {
    const zvm = session("linux-auto", { authScheme: "auto" });
    expect((await zvm.readSnapshot()).authScheme).toBe("linux");
    expect(zvm.authScheme).toBe("linux");
    const stats = sim.stats("linux-auto");
    expect(stats.signIns.linux).toBe(1);
    expect(stats.byEndpoint[SESSION_ADD]).toBeUndefined();
  });

  it("tries the Windows scheme first on a :9669 URL", async () => {
    const windowsPort = await startSimulator({ zvms: [{ id: "w", generation: "windows", dedicatedPort: 9669 }] });
    try {
      const zvm = createZvmSession(targetFor(windowsPort.get("w"), { authScheme: "auto" }));
      sessions.push(zvm);
      expect(windowsPort.get("w").url).toBe("https://127.0.0.1:9669");
      expect((await zvm.readSnapshot()).authScheme).toBe("windows");
      expect(windowsPort.stats("w").byEndpoint[KEYCLOAK]).toBeUndefined();
    } finally {
      await Promise.all(sessions.map((s) => s.close()));
      sessions = [];
      await windowsPort.close();
    }
  });
});

describe.each<Generation>(["windows", "linux"])("%s tokens", (generation) => {
  it("are reused across snapshots and sendUsage", async () => {
    const zvm = session(`${generation}-reuse`);
    await zvm.readSnapshot();
    await zvm.readSnapshot();
    await zvm.sendUsage();
    await zvm.readSnapshot();
    const stats = sim.stats(`${generation}-reuse`);
    expect(stats.signIns[generation]).toBe(1);
    expect(stats.rejectedTokens).toBe(0);
    expect(stats.byEndpoint["GET /v1/localsite"]).toBe(3);
  });

  it("are renewed once after a 401 and the call succeeds", async () => {
    const zvm = session(`${generation}-revoked`);
    await zvm.readSnapshot();
    sim.expireTokens(`${generation}-revoked`);
    const snapshot = await zvm.readSnapshot();
    expect(snapshot.localSite?.siteName).toBe(`zvm-${generation}-revoked`);
    const stats = sim.stats(`${generation}-revoked`);
    expect(stats.signIns[generation]).toBe(2);
    // Only the first read hit the revoked token; the others waited for the new one or used it.
    expect(stats.rejectedTokens).toBeGreaterThanOrEqual(1);
    expect(stats.signInFailures).toBe(0);
  });

  it("that a wrong password cannot get end in an auth error", async () => {
    const zvm = session(`${generation}-wrong-password`, { password: "not-the-password" });
    const error = await zvmErrorOf(zvm.readSnapshot());
    expect(error.reason).toBe("auth");
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/^credentials rejected \(HTTP 401\) signing in with .*: check the user name, password and sign-in method\. The ZVM said: /);
  });

  it("with a wrong password in auto mode also end in an auth error", async () => {
    const zvm = session(`${generation}-wrong-password`, { password: "nope", authScheme: "auto" });
    const error = await zvmErrorOf(zvm.readSnapshot());
    expect(error.reason).toBe("auth");
    expect(error.status).toBe(401);
  });

  it("fixed to the other scheme fail with an http error, not a fallback", async () => {
    const other = generation === "windows" ? "linux" : "windows";
    const zvm = session(`${generation}-fixed`, { authScheme: other });
    const error = await zvmErrorOf(zvm.readSnapshot());
    expect(error.reason).toBe("http");
    expect(error.status).toBe(404);
    expect(sim.stats(`${generation}-fixed`).signIns[generation]).toBe(0);
  });
});

describe("expiry", () => {
  it("a Linux token is renewed before expires_in runs out, with no 401", async () => {
    const zvm = session("linux-expiry");
    vi.useFakeTimers({ toFake: ["Date", "performance"], shouldAdvanceTime: true });
    try {
      await zvm.readSnapshot();
      // Past expires_in on both clocks (Lifeline's and the simulated ZVM's), without waiting for it.
      vi.advanceTimersByTime(2_100);
      await zvm.readSnapshot();
    } finally {
      vi.useRealTimers();
    }
    const stats = sim.stats("linux-expiry");
    expect(stats.signIns.linux).toBe(2);
    expect(stats.rejectedTokens).toBe(0);
  });

  it("an idle Windows session the ZVM dropped is re-established after one 401", async () => {
    const zvm = session("windows-expiry");
    vi.useFakeTimers({ toFake: ["Date", "performance"], shouldAdvanceTime: true });
    try {
      await zvm.readSnapshot();
      // Past the simulated ZVM's idle limit, without waiting for it.
      vi.advanceTimersByTime(1_300);
      await zvm.readSnapshot();
    } finally {
      vi.useRealTimers();
    }
    const stats = sim.stats("windows-expiry");
    expect(stats.signIns.windows).toBe(2);
    expect(stats.rejectedTokens).toBeGreaterThanOrEqual(1);
  });
});

it("close() signs a Windows session out", async () => {
  const zvm = createZvmSession(targetFor(sim.get("windows-reuse")));
  await zvm.readSnapshot();
  const before = sim.stats("windows-reuse").byEndpoint["DELETE /v1/session"] ?? 0;
  await zvm.close();
  expect(sim.stats("windows-reuse").byEndpoint["DELETE /v1/session"]).toBe(before + 1);
  const error = await zvmErrorOf(zvm.readSnapshot());
  expect(error.message).toBe("the ZVM session was closed.");
});
