import { describe, expect, it } from "vitest";
import { findingsOf, type FindingContext } from "@/lib/fleet/findings";
import { severityRank, worseStatus } from "@/lib/fleet/severity";

const context = (overrides: Partial<FindingContext> = {}): FindingContext => ({
  kind: "zvm",
  version: "8.5.20",
  mode: "polled",
  lastPollError: null,
  billingEndpoints: { old: ["autologs.zerto.com:443"], new: ["billing9.example.net"] },
  ...overrides,
});

const reason = (code: string) => ({ code, severity: "warning" as const, message: "m" });

describe("findingsOf", () => {
  it("tells a failing ZVM below 9.0 to allow the old billing host, the proxy rule, online services and NTP, then test", () => {
    const [finding] = findingsOf([reason("billing-failing")], context());
    expect(finding.fix).toHaveLength(5);
    expect(finding.fix[0]).toContain("autologs.zerto.com:443");
    expect(finding.fix[1]).toMatch(/no(t)? .*authentication/);
    expect(finding.fix[1]).toContain("localservice");
    expect(finding.fix[2]).toContain("Enable Online Services");
    expect(finding.fix[3]).toContain("NTP");
    expect(finding.fix[4]).toContain("Test usage transmission");
  });

  it("names the 9.0 endpoint for an upgraded ZVM, and says when it is not configured", () => {
    expect(findingsOf([reason("billing-failing")], context({ version: "9.7.10" }))[0].fix[0]).toContain("billing9.example.net");
    const unconfigured = findingsOf([reason("billing-failing")], context({ version: "10.0", billingEndpoints: { old: [], new: [] } }));
    expect(unconfigured[0].fix[0]).toContain("not configured yet");
  });

  it.each([
    ["clock-skew", "NTP"],
    ["licence-misfit", "NFR"],
    ["new-endpoint-unreachable", "billing9.example.net"],
    ["tls-certificate-changed", "Trust the new certificate"],
    ["disconnection-alert", "VRAs reconnect"],
  ])("%s has a concrete fix mentioning %s", (code, words) => {
    expect(findingsOf([reason(code)], context())[0].fix.join(" ")).toContain(words);
  });

  it("says which collector to check for a stale reporting appliance", () => {
    expect(findingsOf([reason("stale")], context({ mode: "reporting" }))[0].fix[0]).toContain("collector");
  });
});

describe("severity order", () => {
  it("puts disconnected first and exempt last", () => {
    const statuses = ["ok", "exempt", "stale", "critical", "unknown", "warning", "disconnected"];
    expect([...statuses].sort((a, b) => severityRank(a) - severityRank(b))).toEqual([
      "disconnected",
      "critical",
      "warning",
      "stale",
      "unknown",
      "ok",
      "exempt",
    ]);
  });

  it("keeps the worse of two statuses", () => {
    expect(worseStatus("warning", "ok")).toBe("warning");
    expect(worseStatus("ok", "critical")).toBe("critical");
    expect(worseStatus(undefined, "ok")).toBe("ok");
  });
});
