import { describe, expect, it } from "vitest";
import {
  AlertPatternError,
  classifyZvmAlert,
  compileAlertPatterns,
  DEFAULT_ALERT_PATTERNS,
  summariseAlerts,
  type AlertPatterns,
  type ZvmAlertKind,
  type ZvmAlertText,
} from "@/lib/billing";
import { at } from "./fixtures";

// Wording from Zerto's description of the two alerts.
const BILLING_TEXT =
  "Zerto Virtual Manager did not send site usage information for billing purposes to Zerto servers. " +
  "If the issue is not resolved within 15 days, Zerto Virtual Manager will stop communicating with its VRAs.";
const DISCONNECTION_TEXT =
  "Zerto Virtual Manager did not send site usage information for billing purposes to Zerto servers. " +
  "Zerto Virtual Manager will not communicate with its VRAs until this issue is resolved.";

const defaults = compileAlertPatterns(DEFAULT_ALERT_PATTERNS);

function patternsWith(overrides: Partial<AlertPatterns>): AlertPatterns {
  return { ...DEFAULT_ALERT_PATTERNS, ...overrides };
}

describe("classifyZvmAlert with the default patterns", () => {
  it.each<[string, ZvmAlertText, ZvmAlertKind | null]>([
    ["the billing alert", { description: BILLING_TEXT, entity: "Zvm", helpIdentifier: "ZVM0099" }, "billing"],
    ["the disconnection alert (also says 'did not send site usage information')", { description: DISCONNECTION_TEXT }, "disconnection"],
    ["'stopped communicating with its VRAs'", { description: "ZVM stopped communicating with its VRAs." }, "disconnection"],
    ["upper-case billing text", { description: BILLING_TEXT.toUpperCase() }, "billing"],
    ["an unrelated alert", { description: "VPG Finance exceeded its RPO target.", entity: "Vpg" }, null],
    ["no description", { description: null, helpIdentifier: null, entity: null }, null],
    ["an empty object", {}, null],
  ])("%s", (_name, alert, expected) => {
    expect(classifyZvmAlert(alert, defaults)).toBe(expected);
  });
});

describe("classifyZvmAlert with configured patterns", () => {
  it.each<[string, Partial<AlertPatterns>, ZvmAlertText, ZvmAlertKind | null]>([
    ["a billing help identifier, any case", { billingHelpIdentifiers: ["ZVM0042"] }, { helpIdentifier: " zvm0042 " }, "billing"],
    ["a disconnection help identifier", { disconnectionHelpIdentifiers: ["ZVM0043"] }, { helpIdentifier: "ZVM0043" }, "disconnection"],
    ["a /regex/ description pattern, case-insensitive", { billingDescriptionPatterns: ["/usage\\s+data\\s+not\\s+sent/"] }, { description: "Usage  Data NOT sent" }, "billing"],
    ["a /regex/ with flags", { billingDescriptionPatterns: ["/^billing$/m"] }, { description: "first\nBILLING\nlast" }, "billing"],
    ["a substring with regex characters is literal", { billingDescriptionPatterns: ["usage (billing)"] }, { description: "usage billing" }, null],
    ["the same substring matches literally", { billingDescriptionPatterns: ["usage (billing)"] }, { description: "Usage (Billing) failed" }, "billing"],
    ["a pattern matching the entity text", { billingDescriptionPatterns: ["BillingUsage"] }, { entity: "BillingUsage", description: "x" }, "billing"],
    ["no billing patterns at all: nothing is billing", { billingDescriptionPatterns: [] }, { description: BILLING_TEXT }, null],
  ])("%s", (_name, overrides, alert, expected) => {
    expect(classifyZvmAlert(alert, compileAlertPatterns(patternsWith(overrides)))).toBe(expected);
  });
});

describe("compileAlertPatterns rejects bad patterns with a clear error", () => {
  it.each<[string, Partial<AlertPatterns>, string]>([
    ["an invalid regex", { billingDescriptionPatterns: ["ok", "/(unclosed/"] }, 'billingDescriptionPatterns[1] "/(unclosed/": invalid regular expression'],
    ["an empty pattern", { disconnectionDescriptionPatterns: ["  "] }, 'disconnectionDescriptionPatterns[0] "  ": must not be empty'],
    ["a regex matching everything", { billingDescriptionPatterns: ["/.*/"] }, "would match every alert"],
    ["a stateful flag", { billingDescriptionPatterns: ["/usage/g"] }, 'unsupported regular expression flags "g"'],
    ["an empty help identifier", { billingHelpIdentifiers: [""] }, "billingHelpIdentifiers[0]"],
    ["a non-string entry", { billingHelpIdentifiers: [42 as unknown as string] }, "billingHelpIdentifiers[0] 42: must be a string"],
    ["a missing list", { disconnectionHelpIdentifiers: undefined as unknown as string[] }, "disconnectionHelpIdentifiers[-1]"],
    ["an overlong pattern", { billingDescriptionPatterns: ["x".repeat(501)] }, "at most 500 characters"],
  ])("%s", (_name, overrides, message) => {
    const compile = () => compileAlertPatterns(patternsWith(overrides));

    expect(compile).toThrow(AlertPatternError);
    expect(compile).toThrow(message);
  });

  it("names the field and index, so a settings form can point at the entry", () => {
    try {
      compileAlertPatterns(patternsWith({ disconnectionDescriptionPatterns: ["fine", "/[z-a]/"] }));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AlertPatternError);
      expect(error).toMatchObject({ field: "disconnectionDescriptionPatterns", index: 1, pattern: "/[z-a]/" });
    }
  });
});

describe("summariseAlerts", () => {
  const billing = (turnedOn: string | null, extra: { isDismissed?: boolean } = {}) => ({
    helpIdentifier: null,
    description: BILLING_TEXT,
    entity: "Zvm",
    turnedOn: turnedOn === null ? null : at(turnedOn),
    ...extra,
  });
  const disconnection = (turnedOn: string) => ({
    helpIdentifier: null,
    description: DISCONNECTION_TEXT,
    entity: "Zvm",
    turnedOn: at(turnedOn),
  });
  const unrelated = { helpIdentifier: "VPG0001", description: "RPO exceeded", entity: "Vpg", turnedOn: at("2026-10-01T00:00:00Z") };

  it.each([
    {
      name: "no alerts: both inactive",
      alerts: [],
      billing: { active: false, turnedOn: null },
      disconnection: { active: false, turnedOn: null },
    },
    {
      name: "unrelated alerts only: both inactive",
      alerts: [unrelated],
      billing: { active: false, turnedOn: null },
      disconnection: { active: false, turnedOn: null },
    },
    {
      name: "two billing alerts: the earliest turnedOn, whatever their order or offsets",
      alerts: [billing("2026-11-03T10:00:00+02:00"), billing("2026-11-03T09:00:00+00:00")],
      billing: { active: true, turnedOn: at("2026-11-03T08:00:00Z") },
      disconnection: { active: false, turnedOn: null },
    },
    {
      name: "a dismissed billing alert still counts (dismissing does not send usage)",
      alerts: [billing("2026-11-03T00:00:00Z", { isDismissed: true })],
      billing: { active: true, turnedOn: at("2026-11-03T00:00:00Z") },
      disconnection: { active: false, turnedOn: null },
    },
    {
      name: "a billing alert without turnedOn beside one with it: the known time",
      alerts: [billing(null), billing("2026-11-04T00:00:00Z")],
      billing: { active: true, turnedOn: at("2026-11-04T00:00:00Z") },
      disconnection: { active: false, turnedOn: null },
    },
    {
      name: "only a billing alert without turnedOn: active, start unknown",
      alerts: [billing(null)],
      billing: { active: true, turnedOn: null },
      disconnection: { active: false, turnedOn: null },
    },
    {
      name: "the disconnection alert alone does not make the billing alert active",
      alerts: [disconnection("2026-11-18T00:00:00Z")],
      billing: { active: false, turnedOn: null },
      disconnection: { active: true, turnedOn: at("2026-11-18T00:00:00Z") },
    },
    {
      name: "both alerts, mixed with unrelated ones",
      alerts: [unrelated, disconnection("2026-11-18T00:00:00Z"), billing("2026-11-03T00:00:00Z")],
      billing: { active: true, turnedOn: at("2026-11-03T00:00:00Z") },
      disconnection: { active: true, turnedOn: at("2026-11-18T00:00:00Z") },
    },
  ])("$name", ({ alerts, billing: billingAlert, disconnection: disconnectionAlert }) => {
    expect(summariseAlerts(alerts, defaults)).toEqual({ billingAlert, disconnectionAlert });
  });
});
