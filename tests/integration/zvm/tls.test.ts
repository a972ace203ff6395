import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createZvmSession, type ZvmSession } from "@/lib/zvm";
import { startSimulator, type Simulator } from "@/simulator";
import { targetFor, zvmErrorOf } from "./helpers";

let sim: Simulator;
let sessions: ZvmSession[] = [];

function track(session: ZvmSession): ZvmSession {
  sessions.push(session);
  return session;
}

beforeAll(async () => {
  sim = await startSimulator({
    zvms: [
      { id: "tofu", generation: "linux" },
      { id: "shared", generation: "windows" },
      { id: "rotating", generation: "linux", scenario: "cert-change" },
      { id: "rotating-tofu", generation: "windows", scenario: "cert-change" },
      { id: "own-port", generation: "windows", dedicatedPort: true },
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

describe("trust on first use", () => {
  it("accepts the first certificate and reports its fingerprint once", async () => {
    const seen: string[] = [];
    const zvm = track(
      createZvmSession(targetFor(sim.get("tofu"), { tlsFingerprintSha256: null, trustOnFirstUse: true }), {
        onFingerprintObserved: (fingerprint) => seen.push(fingerprint),
      }),
    );
    expect(zvm.observedFingerprint).toBeNull();
    const snapshot = await zvm.readSnapshot();
    await zvm.readSnapshot();
    expect(snapshot.observedFingerprint).toBe(sim.fingerprint);
    expect(zvm.observedFingerprint).toBe(sim.fingerprint);
    expect(seen).toEqual([sim.fingerprint]);
  });

  it("pins what it saw: a certificate change later in the session is refused", async () => {
    const zvm = track(
      createZvmSession(targetFor(sim.get("rotating-tofu"), { tlsFingerprintSha256: null, trustOnFirstUse: true })),
    );
    const first = await zvm.readSnapshot();
    expect(first.observedFingerprint).toBe(sim.get("rotating-tofu").fingerprint);
    await sim.rotateCertificate("rotating-tofu");
    const requestsBefore = sim.stats("rotating-tofu").requests;
    const error = await zvmErrorOf(zvm.readSnapshot());
    expect(error.reason).toBe("tls-changed");
    expect(sim.stats("rotating-tofu").requests).toBe(requestsBefore);
  });
});

describe("pinned fingerprint", () => {
  it("accepts the pin in any accepted spelling", async () => {
    const plainHex = sim.fingerprint.replace(/:/g, "").toLowerCase();
    const zvm = track(createZvmSession(targetFor(sim.get("shared"), { tlsFingerprintSha256: plainHex })));
    expect((await zvm.readSnapshot()).observedFingerprint).toBe(sim.fingerprint);
  });

  it("after a certificate change fails with tls-changed before any request reaches the ZVM", async () => {
    const before = sim.get("rotating");
    const zvm = track(createZvmSession(targetFor(before)));
    await zvm.readSnapshot();
    const newFingerprint = await sim.rotateCertificate("rotating");
    expect(newFingerprint).not.toBe(before.fingerprint);
    const stats = sim.stats("rotating");

    const error = await zvmErrorOf(zvm.readSnapshot());
    expect(error.reason).toBe("tls-changed");
    expect(error.message).toBe("the ZVM presented a different certificate than the pinned one; polls stop until an admin re-trusts it.");
    const after = sim.stats("rotating");
    expect(after.requests).toBe(stats.requests);
    expect(after.connections).toBeGreaterThan(stats.connections!);

    // The operator accepts the new certificate: a session with the new pin works.
    const repinned = track(createZvmSession(targetFor(sim.get("rotating"))));
    expect((await repinned.readSnapshot()).observedFingerprint).toBe(newFingerprint);
  });

  it("a wrong pin never sends a request, even while a correctly pinned pool holds a live connection", async () => {
    const zvm = sim.get("own-port");
    const good = track(createZvmSession(targetFor(zvm)));
    await good.readSnapshot();
    const requests = sim.stats("own-port").requests;
    const wrongPin = "AB".repeat(32);
    const bad = track(createZvmSession(targetFor(zvm, { tlsFingerprintSha256: wrongPin })));
    const error = await zvmErrorOf(bad.sendUsage());
    expect(error.reason).toBe("tls-changed");
    expect(sim.stats("own-port").requests).toBe(requests);
    await good.readSnapshot();
  });

  it("an invalid pin is a tls error on every call, not a throw at creation", async () => {
    const zvm = track(createZvmSession(targetFor(sim.get("shared"), { tlsFingerprintSha256: "not-a-fingerprint" })));
    const error = await zvmErrorOf(zvm.readSnapshot());
    expect(error.reason).toBe("tls");
  });
});

describe("neither pin nor first use", () => {
  it("verifies against the system CAs, which reject a self-signed ZVM", async () => {
    const requests = sim.stats("own-port").requests;
    const zvm = track(
      createZvmSession(targetFor(sim.get("own-port"), { tlsFingerprintSha256: null, trustOnFirstUse: false })),
    );
    const error = await zvmErrorOf(zvm.readSnapshot());
    expect(error.reason).toBe("tls");
    // In words, naming the certificate so the admin can pin it; never "DEPTH_ZERO_SELF_SIGNED_CERT".
    const fingerprint = sim.get("own-port").fingerprint;
    expect(error.peerFingerprint).toBe(fingerprint);
    expect(error.message).toMatch(
      new RegExp(`is not trusted: its certificate is self-signed and not pinned: fingerprint ${fingerprint}\\. Pin its fingerprint, or turn on trust on first use\\.$`),
    );
    expect(sim.stats("own-port").requests).toBe(requests);
  });
});
