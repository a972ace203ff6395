import { describe, expect, it } from "vitest";
import { disconnectHeadline, neverProvenText } from "@/lib/appliances/send-wording";

const NOW = new Date("2026-11-25T12:00:00Z");

describe("the countdown headline", () => {
  it.each([
    ["failing, 3 days left", { billingStatus: "warning", daysUntilDisconnect: 3, disconnectAt: "2026-11-28T20:00:00.000Z" }, "3 days until VRA disconnect"],
    ["critical, 1 day left", { billingStatus: "critical", daysUntilDisconnect: 1, disconnectAt: "2026-11-26T20:00:00.000Z" }, "1 day until VRA disconnect"],
    ["past its disconnect", { billingStatus: "disconnected", daysUntilDisconnect: 0, disconnectAt: "2026-11-19T08:00:00.000Z" }, "VRAs disconnected since 2026-11-19 08:00 UTC"],
    ["the ZVM's own disconnection alert, before our count ends", { billingStatus: "disconnected", daysUntilDisconnect: 2, disconnectAt: "2026-11-27T08:00:00.000Z" }, "VRAs disconnected (the ZVM raised its disconnection alert)"],
    ["not failing", { billingStatus: "ok", daysUntilDisconnect: null, disconnectAt: null }, null],
  ] as const)("%s", (_name, view, text) => {
    expect(disconnectHeadline(view, NOW)).toBe(text);
  });

  it("never says 0 days until disconnect for a disconnected appliance", () => {
    expect(disconnectHeadline({ billingStatus: "disconnected", daysUntilDisconnect: 0, disconnectAt: "2026-11-25T11:00:00.000Z" }, NOW)).not.toMatch(/0 days/);
  });
});

describe("no proven send", () => {
  it("explains itself beside a failure", () => {
    expect(neverProvenText({ failingSince: "2026-11-20T00:00:00.000Z" })).toMatch(/failure dates from the ZVM's billing alert/);
    expect(neverProvenText({ failingSince: null })).toMatch(/^none proven yet/);
  });
});
