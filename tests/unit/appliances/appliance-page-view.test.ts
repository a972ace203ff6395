import { describe, expect, it } from "vitest";
import {
  certificateText,
  clockSkewText,
  heartbeatDetailText,
  pollDetailText,
  refreshSecondsOf,
  renderedAtText,
  tagsText,
} from "@/lib/appliances/appliance-page-view";

describe("appliance page wording", () => {
  it.each([
    [[], 15],
    [[{ status: "passed" }, { status: "failed" }], 15],
    [[{ status: "passed" }, { status: "pending" }], 2],
    [[{ status: "running" }], 2],
  ])("refreshes every %o → %i s", (transmissions, seconds) => {
    expect(refreshSecondsOf(transmissions)).toBe(seconds);
  });

  it("refreshes every 2 s until a polled appliance's first poll", () => {
    expect(refreshSecondsOf([], { awaitingFirstPoll: true })).toBe(2);
    expect(refreshSecondsOf([{ status: "passed" }], { awaitingFirstPoll: false })).toBe(15);
  });

  it("shows the render clock and the clock skew", () => {
    expect(renderedAtText(new Date("2026-03-01T14:05:09.123Z"))).toBe("14:05:09");
    expect(clockSkewText(null)).toBe("—");
    expect(clockSkewText(-61.26)).toBe("-61.3 s");
  });

  it.each([
    [{}, "— · —"],
    [{ tenant: "acme", region: "eu" }, "acme · eu"],
    [{ tenant: "acme", vcenter: "vc01", labels: ["gold", "dr"] }, "acme · — · vCenter vc01 · gold, dr"],
    [{ labels: [] }, "— · —"],
  ])("tags %o read %s", (tags, text) => {
    expect(tagsText(tags)).toBe(text);
  });

  it.each([
    [{ mode: "reporting", tlsFingerprintSha256: "AB:CD", trustOnFirstUse: false }, "checked by the collector"],
    [{ mode: "polled", tlsFingerprintSha256: "AB:CD", trustOnFirstUse: true }, "AB:CD"],
    [{ mode: "polled", tlsFingerprintSha256: null, trustOnFirstUse: true }, "trust on first use"],
    [{ mode: "polled", tlsFingerprintSha256: null, trustOnFirstUse: false }, "system CAs"],
  ] as const)("certificate of %o: %s", (appliance, text) => {
    expect(certificateText(appliance)).toBe(text);
  });

  it("describes a heartbeat's delay, alert state and collector, never a negative delay", () => {
    const observedAt = new Date("2026-03-01T12:00:00Z");
    expect(heartbeatDetailText({ observedAt, receivedAt: new Date("2026-03-01T12:00:02.600Z"), billingAlertActive: true, collector: "site-a" })).toBe(
      "arrived 3 s later · billing alert on · from site-a",
    );
    expect(heartbeatDetailText({ observedAt, receivedAt: new Date("2026-03-01T11:59:58Z"), billingAlertActive: null, collector: null })).toBe(
      "arrived 0 s later · billing alert not reported · from a deleted token",
    );
    expect(heartbeatDetailText({ observedAt, receivedAt: observedAt, billingAlertActive: false, collector: "c" })).toContain("billing alert off");
  });

  it("describes a poll", () => {
    expect(pollDetailText({ ok: true, error: null, durationMs: 120 })).toBe("ok · 120 ms");
    expect(pollDetailText({ ok: false, error: "timeout", durationMs: 5000 })).toBe("failed: timeout · 5000 ms");
  });
});
