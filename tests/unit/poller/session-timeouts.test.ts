import { describe, expect, it } from "vitest";
import { sealPassword } from "@/lib/appliances/appliance-secrets";
import type { Appliance } from "@/lib/generated/prisma/client";
import { SessionCache, sessionTimeoutsOf } from "@/lib/poller/session-cache";

describe("ZVM session timeouts follow the poll timeout setting", () => {
  it.each([
    { pollTimeoutSeconds: 20, connectTimeoutMs: 5_000, requestTimeoutMs: 20_000 },
    { pollTimeoutSeconds: 2, connectTimeoutMs: 2_000, requestTimeoutMs: 2_000 },
    { pollTimeoutSeconds: 300, connectTimeoutMs: 5_000, requestTimeoutMs: 300_000 },
  ])("pollTimeoutSeconds $pollTimeoutSeconds: connect $connectTimeoutMs ms, request $requestTimeoutMs ms", ({ pollTimeoutSeconds, ...expected }) => {
    expect(sessionTimeoutsOf({ pollTimeoutSeconds })).toEqual(expected);
  });

  it("keeps an appliance's session while the setting stays, and replaces it when the setting changes", async () => {
    const sessions = new SessionCache();
    const appliance = {
      id: "3f1a7c2e-0000-4000-8000-000000000001",
      url: "https://127.0.0.1:9",
      username: "monitor",
      passwordSealed: sealPassword("secret"),
      authScheme: "auto",
      tlsFingerprintSha256: null,
      trustOnFirstUse: false,
    } as unknown as Appliance;
    const first = sessions.get(appliance, { pollTimeoutSeconds: 20 });
    expect(sessions.get(appliance, { pollTimeoutSeconds: 20 })).toBe(first);
    const changed = sessions.get(appliance, { pollTimeoutSeconds: 30 });
    expect(changed).not.toBe(first);
    expect(sessions.get(appliance, { pollTimeoutSeconds: 30 })).toBe(changed);
    await sessions.closeAll();
  });
});
