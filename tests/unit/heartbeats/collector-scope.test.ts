import { describe, expect, it } from "vitest";
import { isInScope, parseCollectorScope } from "@/lib/heartbeats/collector-scope";

const appliance = {
  id: "3f1c2a8e-5b7d-4c1e-9a0f-6d2b8e4c7a15",
  tenant: "Acme",
  region: "ams",
  vcenter: "vc01.ams",
  tags: ["gold", "dr-site"],
};

describe("collector scope", () => {
  it.each([
    { scope: { applianceIds: [appliance.id.toUpperCase()] }, inScope: true },
    { scope: { applianceIds: ["9b0e7d61-2c4a-4f3b-8e15-a7c9d2f06b38"] }, inScope: false },
    { scope: { tags: ["ams"] }, inScope: true },
    { scope: { tags: ["ACME"] }, inScope: true },
    { scope: { tags: ["vc01.ams"] }, inScope: true },
    { scope: { tags: ["gold"] }, inScope: true },
    { scope: { tags: ["fra", "dr-site"] }, inScope: true },
    { scope: { tags: ["tenant:acme"] }, inScope: true },
    { scope: { tags: ["region:acme"] }, inScope: false },
    { scope: { tags: ["label:ams"] }, inScope: false },
    { scope: { tags: ["vcenter:vc01.ams"] }, inScope: true },
    { scope: { tags: ["fra"] }, inScope: false },
    { scope: {}, inScope: false },
    { scope: undefined, inScope: false },
    { scope: { tags: "ams" }, inScope: false },
  ])("scope $scope → $inScope", ({ scope, inScope }) => {
    expect(isInScope(parseCollectorScope(scope), appliance)).toBe(inScope);
  });

  it("matches nothing on an appliance without tags unless named", () => {
    const bare = { id: appliance.id, tenant: null, region: null, vcenter: null, tags: [] };
    expect(isInScope(parseCollectorScope({ tags: ["ams"] }), bare)).toBe(false);
    expect(isInScope(parseCollectorScope({ applianceIds: [appliance.id] }), bare)).toBe(true);
  });
});
