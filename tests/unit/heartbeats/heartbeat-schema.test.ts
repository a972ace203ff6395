import { describe, expect, it } from "vitest";
import { parseHeartbeatBody } from "@/lib/heartbeats/heartbeat-schema";

const now = new Date("2026-11-22T12:00:00Z");
const window = { now, maxAgeMs: 48 * 3_600_000 };
const id = "3f1c2a8e-5b7d-4c1e-9a0f-6d2b8e4c7a15";
const valid = { applianceId: id, observedAt: "2026-11-22T11:59:00Z" };

describe("parseHeartbeatBody", () => {
  it("takes one heartbeat or a batch, and turns times into dates", () => {
    const single = parseHeartbeatBody({ ...valid, billingAlert: { active: true, turnedOn: "2026-11-15T08:00:00+01:00" } }, window);
    expect(single.single).toBe(true);
    expect(single.items[0].heartbeat.billingAlert?.turnedOn).toEqual(new Date("2026-11-15T07:00:00Z"));
    const batch = parseHeartbeatBody({ heartbeats: [valid, valid] }, window);
    expect(batch).toMatchObject({ single: false, rejected: [] });
    expect(batch.items.map((item) => item.index)).toEqual([0, 1]);
  });

  it.each([
    { name: "observedAt 6 minutes ahead", item: { ...valid, observedAt: "2026-11-22T12:06:00Z" }, field: "observedAt", error: /in the future/ },
    { name: "observedAt 4 minutes ahead is a clock within tolerance", item: { ...valid, observedAt: "2026-11-22T12:04:00Z" }, field: null },
    { name: "observedAt older than the history", item: { ...valid, observedAt: "2026-11-20T11:59:00Z" }, field: "observedAt", error: /older than the 48 h/ },
    { name: "turnedOn before 2010", item: { ...valid, billingAlert: { active: true, turnedOn: "2009-12-31T00:00:00Z" } }, field: "billingAlert.turnedOn", error: /before 2010/ },
    { name: "a send two days after the observation", item: { ...valid, lastSend: { result: "passed", at: "2026-11-24T12:00:00Z" } }, field: "lastSend.at", error: /more than a day after/ },
    { name: "a ZVM clock two years off", item: { ...valid, zvmClockUtc: "2028-11-22T12:00:00Z" }, field: "zvmClockUtc", error: /more than a year/ },
    { name: "a ZVM clock an hour off is a finding, not an error", item: { ...valid, zvmClockUtc: "2026-11-22T13:00:00Z" }, field: null },
    { name: "a missing applianceId", item: { observedAt: valid.observedAt }, field: "applianceId", error: /^applianceId: is required$/ },
    { name: "an unknown field", item: { ...valid, colour: "red" }, field: "colour", error: /^colour: is not a known field$/ },
    { name: "an unknown field inside an alert", item: { ...valid, billingAlert: { active: false, since: 1 } }, field: "billingAlert.since", error: /not a known field/ },
    { name: "a version of 101 characters", item: { ...valid, version: "9".repeat(101) }, field: "version", error: /at most 100/ },
    { name: "a site name with a newline", item: { ...valid, siteName: "AMS\n1" }, field: "siteName", error: /control characters/ },
  ])("$name", ({ item, field, error }) => {
    const parsed = parseHeartbeatBody({ heartbeats: [valid, item] }, window);
    if (field === null) {
      expect(parsed.rejected).toEqual([]);
      return;
    }
    expect(parsed.items.map((kept) => kept.index)).toEqual([0]);
    expect(parsed.rejected).toEqual([{ index: 1, field, error: expect.stringMatching(error!) }]);
  });

  it.each([
    { body: { heartbeats: "x" }, message: /heartbeats: must be a list/ },
    { body: { heartbeats: Array.from({ length: 501 }, () => valid) }, message: /at most 500 heartbeats per request \(got 501\)/ },
    { body: { heartbeats: [], extra: 1 }, message: /extra: is not a known field/ },
    { body: [valid], message: /one heartbeat or/ },
    { body: "heartbeat", message: /one heartbeat or/ },
    { body: null, message: /one heartbeat or/ },
  ])("refuses a malformed envelope: $message", ({ body, message }) => {
    expect(() => parseHeartbeatBody(body, window)).toThrow(message);
  });
});
