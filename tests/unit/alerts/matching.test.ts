import { describe, expect, it } from "vitest";
import { channelsFor, heldUntil, routeMatches, silenceMatches, tagMatches, type RouteRule, type SilenceRule } from "@/lib/alerts/matching";

const tags = { tenant: "Acme", region: "ams", labels: ["gold", "dr-site"] };

describe("tag matchers", () => {
  it.each([
    { tag: "tenant:acme", matches: true },
    { tag: "tenant:ACME", matches: true },
    { tag: "tenant:globex", matches: false },
    { tag: "region:ams", matches: true },
    { tag: "vcenter:vc01", matches: false },
    { tag: "label:gold", matches: true },
    { tag: "label:silver", matches: false },
    { tag: "colour:red", matches: false },
    { tag: "acme", matches: false },
  ])("$tag → $matches", ({ tag, matches }) => {
    expect(tagMatches(tag, tags)).toBe(matches);
  });
});

describe("routing rules", () => {
  const route = (overrides: Partial<RouteRule>): RouteRule => ({ channelId: "c1", minSeverity: "warning", tag: null, conditions: [], ...overrides });

  it.each([
    { name: "severity at the minimum", rule: {}, event: { severity: "warning" }, matches: true },
    { name: "severity above", rule: {}, event: { severity: "critical" }, matches: true },
    { name: "severity below", rule: {}, event: { severity: "info" }, matches: false },
    { name: "critical only, warning event", rule: { minSeverity: "critical" }, event: { severity: "warning" }, matches: false },
    { name: "the tenant's rule, its appliance", rule: { tag: "tenant:acme" }, event: {}, matches: true },
    { name: "another tenant's rule", rule: { tag: "tenant:globex" }, event: {}, matches: false },
    { name: "listed condition", rule: { conditions: ["billing", "stale"] }, event: {}, matches: true },
    { name: "condition not listed", rule: { conditions: ["stale"] }, event: {}, matches: false },
  ] as const)("$name", ({ rule, event, matches }) => {
    expect(routeMatches(route(rule), { condition: "billing", severity: "warning", tags, ...event })).toBe(matches);
  });

  it("sends to each channel once, whichever of its rules match", () => {
    const rules = [route({ channelId: "slack" }), route({ channelId: "slack", tag: "tenant:acme" }), route({ channelId: "pager", minSeverity: "critical" }), route({ channelId: "team-b", tag: "tenant:b" })];
    expect(channelsFor({ condition: "billing", severity: "critical", tags }, rules)).toEqual(["slack", "pager"]);
    expect(channelsFor({ condition: "billing", severity: "warning", tags }, rules)).toEqual(["slack"]);
  });
});

describe("silences and maintenance windows", () => {
  const now = new Date("2026-11-10T12:00:00Z");
  const silence = (overrides: Partial<SilenceRule>): SilenceRule => ({
    applianceId: null,
    tag: null,
    condition: null,
    startsAt: new Date("2026-11-10T11:00:00Z"),
    endsAt: new Date("2026-11-10T13:00:00Z"),
    ...overrides,
  });
  const target = { applianceId: "a1", tags, condition: "billing" };

  it.each([
    { name: "this appliance", rule: { applianceId: "a1" }, holds: true },
    { name: "another appliance", rule: { applianceId: "a2" }, holds: false },
    { name: "its tenant", rule: { tag: "tenant:acme" }, holds: true },
    { name: "its condition", rule: { condition: "billing" }, holds: true },
    { name: "another condition of this appliance", rule: { applianceId: "a1", condition: "stale" }, holds: false },
    { name: "no matcher at all (never everything)", rule: {}, holds: false },
    { name: "a window not begun", rule: { applianceId: "a1", startsAt: new Date("2026-11-10T12:00:00.001Z") }, holds: false },
    { name: "a window that has ended", rule: { applianceId: "a1", endsAt: now }, holds: false },
  ])("$name → $holds", ({ rule, holds }) => {
    expect(silenceMatches(silence(rule), target, now)).toBe(holds);
  });

  it("holds until the last matching silence ends", () => {
    const until = heldUntil(
      [silence({ applianceId: "a1" }), silence({ tag: "region:ams", endsAt: new Date("2026-11-10T18:00:00Z") }), silence({ tag: "region:fra", endsAt: new Date("2026-11-11T00:00:00Z") })],
      target,
      now,
    );
    expect(until?.toISOString()).toBe("2026-11-10T18:00:00.000Z");
    expect(heldUntil([silence({ applianceId: "a2" })], target, now)).toBeNull();
  });
});
