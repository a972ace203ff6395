import { describe, expect, it } from "vitest";
import type { Heartbeat } from "@/lib/heartbeats/heartbeat-schema";
import { mergeHeartbeats } from "@/lib/heartbeats/merge-heartbeats";

const APPLIANCE_A = "3f1c2a8e-5b7d-4c1e-9a0f-6d2b8e4c7a15";
const APPLIANCE_B = "9b0e7d61-2c4a-4f3b-8e15-a7c9d2f06b38";
const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 12, minute));
const heartbeat = (minute: number, extra: Partial<Heartbeat> = {}, applianceId = APPLIANCE_A): Heartbeat => ({ applianceId, observedAt: at(minute), ...extra });

describe("mergeHeartbeats", () => {
  it("gives one patch per appliance, whatever the order", () => {
    const patches = mergeHeartbeats([heartbeat(5, { version: "9.5.0" }), heartbeat(1, {}, APPLIANCE_B), heartbeat(9, { version: "10.0.1" })]);
    expect(patches).toEqual([
      { id: APPLIANCE_A, doc: { at: at(9).toISOString(), version: "10.0.1", atLeast9: true } },
      { id: APPLIANCE_B, doc: { at: at(1).toISOString() } },
    ]);
  });

  it("takes each part of the evidence from the newest heartbeat that carries it", () => {
    const [patch] = mergeHeartbeats([
      heartbeat(1, { billingAlert: { active: true, turnedOn: at(0) }, newEndpointReachability: "unreachable", version: "8.5.20" }),
      heartbeat(3, { billingAlert: { active: false, turnedOn: null }, disconnectionAlert: { active: false } }),
      heartbeat(7, { zvmClockUtc: new Date(at(7).getTime() + 90_500), licenseType: "Cloud" }),
    ]);
    expect(patch.doc).toEqual({
      at: at(7).toISOString(),
      licenseType: "Cloud",
      clockSkewSeconds: 90.5,
      alertsAt: at(3).toISOString(),
      billingActive: false,
      billingTurnedOn: null,
      disconnectionActive: false,
      disconnectionTurnedOn: null,
      billingSeenAt: at(1).toISOString(),
      reachAt: at(1).toISOString(),
      reachability: "unreachable",
    });
  });

  it("keeps every reported send: the newest success and all failures", () => {
    const [patch] = mergeHeartbeats([
      heartbeat(1, { lastSend: { result: "failed", at: at(0) } }),
      heartbeat(2, { lastSend: { result: "passed", at: at(1) } }),
      heartbeat(3, { lastSend: { result: "passed", at: at(0) } }),
      heartbeat(4, { lastSend: { result: "failed", at: at(0) } }),
    ]);
    expect(patch.doc).toMatchObject({ sendPassedAt: at(1).toISOString(), sendFailedAt: [at(0).toISOString()] });
  });

  it("does not report 9.0 status for a version it cannot read", () => {
    const [patch] = mergeHeartbeats([heartbeat(1, { version: "unknown build" })]);
    expect(patch.doc).toEqual({ at: at(1).toISOString(), version: "unknown build" });
  });
});
