import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createZvmSession, type ZvmAuthChoice, type ZvmSession } from "@/lib/zvm";
import { startSimulator, type Simulator } from "@/simulator";
import { targetFor, zvmErrorOf } from "./helpers";

// The five sign-in choices against ZVMs that accept each variant as a real one
// does: Windows AuthenticationMethod 1 (vCenter credentials) or 0 (the host's
// own account); Linux Keycloak password grant (zerto-client) or client_credentials.

let sim: Simulator;
let sessions: ZvmSession[] = [];

beforeAll(async () => {
  sim = await startSimulator({
    zvms: [
      { id: "win", generation: "windows", username: "vsphere.local\\svc-lifeline", password: "vc-pw", localUsername: "ZVM01\\monitor", localPassword: "host-pw" },
      { id: "lin", generation: "linux", username: "monitor", password: "kc-pw", clientId: "lifeline-api", clientSecret: "c5ecret" },
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

function session(id: string, authScheme: ZvmAuthChoice, username: string, password: string): ZvmSession {
  const created = createZvmSession(targetFor(sim.get(id), { authScheme, username, password }));
  sessions.push(created);
  return created;
}

describe("sign-in variants", () => {
  it.each([
    ["windows", "win", "vsphere.local\\svc-lifeline", "vc-pw"],
    ["windows-local", "win", "ZVM01\\monitor", "host-pw"],
    ["linux", "lin", "monitor", "kc-pw"],
    ["linux-client", "lin", "lifeline-api", "c5ecret"],
  ] as const)("%s signs in and reads the ZVM", async (scheme, id, username, password) => {
    const zvm = session(id, scheme, username, password);
    const snapshot = await zvm.readSnapshot();
    expect(snapshot.authScheme).toBe(scheme);
    expect(snapshot.localSite?.siteName).toBe(`zvm-${id}`);
    expect((await zvm.sendUsage()).result).toBe("passed");
  });

  it.each([
    ["windows (method 1) with the host's account", "windows", "win", "ZVM01\\monitor", "host-pw"],
    ["windows-local (method 0) with vCenter credentials", "windows-local", "win", "vsphere.local\\svc-lifeline", "vc-pw"],
    ["linux with the client's id and secret", "linux", "lin", "lifeline-api", "c5ecret"],
    ["linux-client with a user's password", "linux-client", "lin", "monitor", "kc-pw"],
  ] as const)("%s is refused, in words naming the method", async (_name, scheme, id, username, password) => {
    const error = await zvmErrorOf(session(id, scheme, username, password).readSnapshot());
    expect(error.reason).toBe("auth");
    expect(error.message).toMatch(/^credentials rejected \(HTTP 401\) signing in with .*check the user name, password and sign-in method/);
  });

  it("auto tries the common method of each generation: vCenter credentials on Windows", async () => {
    expect((await session("win", "auto", "vsphere.local\\svc-lifeline", "vc-pw").readSnapshot()).authScheme).toBe("windows");
    expect((await session("lin", "auto", "monitor", "kc-pw").readSnapshot()).authScheme).toBe("linux");
  });
});
