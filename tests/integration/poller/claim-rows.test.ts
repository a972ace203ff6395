import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealPassword } from "@/lib/appliances/appliance-secrets";
import { claimDueApplianceRows } from "@/lib/poller/claim-due-appliances";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";

// The poller reads the rows it claims straight from the claim statement, not
// through the ORM: each row must be what the ORM would have read, every column.
describe.each(testDbKinds())("claimed rows (%s)", (kind) => {
  let handle: TestDb;
  const now = new Date("2026-11-26T04:00:00.000Z");

  beforeAll(async () => {
    handle = await createTestDb(kind);
    const base = { mode: "polled" as const, username: "svc", passwordSealed: sealPassword("pw"), nextPollAt: new Date(now.getTime() - 5_000) };
    await handle.db.prisma.appliance.create({
      data: {
        ...base,
        name: "full",
        kind: "zca",
        role: "test",
        url: "https://zvm-full.example.net:9669",
        authScheme: "windows-local",
        authSchemeDetected: "windows-local",
        tlsFingerprintSha256: "AB".repeat(32),
        trustOnFirstUse: true,
        tenant: "acme",
        region: "ams",
        vcenter: "vc-1",
        tags: ["gold", "tier:1", "with space", 'quote"d'],
        siteName: "Site ß",
        siteIdentifier: "site-1",
        version: "10.0.21",
        licenseType: "Cloud",
        vraTotal: 5,
        vraStates: { Installed: 4, Installing: 1 },
        vraConnectionAlerts: 1,
        clockSkewSeconds: -12.345,
        lastDataAt: new Date("2026-11-26T03:59:00.123Z"),
        lastPolledAt: new Date("2026-11-26T03:59:00.456Z"),
        pollWarnings: ["licence: expiry date not readable", "VRAs: odd state 42"],
        consecutiveFailures: 2,
        billingAlertActive: true,
        billingAlertTurnedOn: new Date("2026-11-20T00:00:00.000Z"),
        disconnectionAlertActive: false,
        lastSuccessfulSendAt: new Date("2026-11-19T23:00:00.000Z"),
        lastSuccessfulSendSource: "poll",
        billingStatus: "warning",
        failingSince: new Date("2026-11-20T00:00:00.000Z"),
        disconnectAt: new Date("2026-12-05T00:00:00.000Z"),
        migrationReadiness: "ready",
      },
    });
    await handle.db.prisma.appliance.create({ data: { ...base, name: "bare", kind: "zvm", role: "production", url: "https://zvm-bare.example.net" } });
    await handle.db.prisma.appliance.create({ data: { ...base, name: "later", kind: "zvm", role: "production", url: "https://zvm-later.example.net", nextPollAt: new Date(now.getTime() + 60_000) } });
  }, 60_000);

  afterAll(async () => {
    await handle?.drop();
  });

  it("reads every column as the ORM reads it, and claims only what is due", async () => {
    const claimed = await claimDueApplianceRows(handle.db, "worker-a", 10, 60_000, now);
    expect(claimed.map((row) => row.name).sort()).toEqual(["bare", "full"]);
    const viaOrm = await handle.db.prisma.appliance.findMany({ where: { id: { in: claimed.map((row) => row.id) } } });
    for (const row of claimed) {
      const expected = viaOrm.find((other) => other.id === row.id)!;
      expect(Object.keys(row).sort()).toEqual(Object.keys(expected).sort());
      expect(row).toEqual(expected);
      expect(row.leaseOwner).toBe("worker-a");
      expect(row.leaseUntil).toEqual(new Date(now.getTime() + 60_000));
    }
    // Leased now: neither claim takes them again until the lease runs out.
    expect(await claimDueApplianceRows(handle.db, "worker-b", 10, 60_000, now)).toEqual([]);
    expect(await claimDueApplianceRows(handle.db, "worker-b", 10, 60_000, new Date(now.getTime() + 61_000))).toHaveLength(3);
  });
});
