import { describe, expect, it } from "vitest";
import { MIGRATION_GROUPS } from "@/lib/fleet/get-migration-report";
import { MIGRATION_GROUP_TEXT, firewallTargetText, reachabilityText, totalOf } from "@/lib/fleet/migration-page-view";

describe("migration page wording", () => {
  it.each([
    ["billing.example.net", "billing.example.net:443 (HTTPS)"],
    ["billing.example.net:8443", "billing.example.net:8443 (HTTPS)"],
    ["203.0.113.0/24", "203.0.113.0/24:443 (HTTPS)"],
  ])("names the firewall target for %s", (host, text) => {
    expect(firewallTargetText(host)).toBe(text);
  });

  it.each([
    ["reachable", "✓ reachable"],
    ["unreachable", "✕ unreachable"],
    ["unknown", "? not probed"],
  ] as const)("says %s as %s", (reachability, text) => {
    expect(reachabilityText(reachability)).toBe(text);
  });

  it("explains every readiness group and adds up the counts", () => {
    for (const group of MIGRATION_GROUPS) expect(MIGRATION_GROUP_TEXT[group].explain.length).toBeGreaterThan(20);
    expect(totalOf({ ready: 3, blocked: 1, "pending-upgrade": 0, unknown: 2 })).toBe(6);
    expect(totalOf({})).toBe(0);
  });
});
