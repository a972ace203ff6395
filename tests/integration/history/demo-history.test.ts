import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealPassword } from "@/lib/appliances/appliance-secrets";
import { getComplianceReport } from "@/lib/history/get-compliance-report";
import { seedDemoHistory } from "@/lib/history/seed-demo-history";
import type { DemoAppliance } from "@/lib/history/demo-history";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { testViewer } from "../helpers/worker-context";

const NOW = new Date("2026-11-25T21:00:00Z");

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe.each(testDbKinds())("the demo's generated history (%s)", (kind) => {
  let handle: TestDb;
  const fleet: DemoAppliance[] = [];

  beforeAll(async () => {
    handle = await createTestDb(kind);
    for (let index = 0; index < 12; index += 1) {
      const row = await handle.db.prisma.appliance.create({
        data: {
          name: `demo-zvm-${index}`,
          kind: "zvm",
          role: "production",
          mode: "polled",
          url: `https://demo-${index}.example.net`,
          username: "svc",
          passwordSealed: sealPassword("pw"),
          tenant: ["acme", "globex", "initech"][index % 3],
          region: "ams",
        },
      });
      fleet.push({ id: row.id, name: row.name, tenant: row.tenant ?? "", region: "ams", role: "production", sendsNothing: false, failingSince: null });
    }
    // A real appliance's day, which seeding must leave alone.
    await handle.db.prisma.complianceDay.create({
      data: { applianceId: "00000000-0000-4000-8000-000000000001", day: new Date("2026-11-20"), applianceName: "real-zvm", tenant: "acme", region: "ams", role: "production", worstStatus: "ok", lastStatus: "ok", updatedAt: NOW },
    });
  });

  afterAll(async () => {
    await handle?.drop();
  });

  it("fills 90 days the compliance report reads, marked as demo data", async () => {
    const result = await seedDemoHistory(handle.db, fleet, { namePrefix: "demo-", days: 90, random: seeded(3), now: NOW });
    expect(result).toMatchObject({ from: "2026-08-27", to: "2026-11-24" });
    const report = await getComplianceReport(handle.db, testViewer, { from: "2026-08-27", to: "2026-11-24", appliances: "all" }, NOW);
    expect(report.daily.filter((day) => day.recorded)).toHaveLength(90);
    expect(report.demo).toEqual({ from: "2026-08-27", to: "2026-11-24" });
    expect(report.byTenant.map((group) => group.key)).toEqual(["acme", "globex", "initech"]);
    expect(report.totals.nearDisconnects).toBeGreaterThanOrEqual(1);
    expect(report.totals.recoveries).toBeGreaterThanOrEqual(result.episodes - 1);
    expect(report.totals.compliant).toBeLessThan(report.totals.mustSend);
    expect(report.byAppliance.find((item) => item.name === "real-zvm")).toMatchObject({ mustSend: 1, compliant: 1 });
  });

  it("a second run replaces the generated history instead of adding to it", async () => {
    const days = await handle.db.prisma.complianceDay.count();
    await seedDemoHistory(handle.db, fleet, { namePrefix: "demo-", days: 90, random: seeded(3), now: NOW });
    expect(await handle.db.prisma.complianceDay.count()).toBe(days);
    expect(await handle.db.prisma.complianceDay.count({ where: { applianceName: "real-zvm" } })).toBe(1);
  });

  it("a period outside the generated days carries no mark", async () => {
    const report = await getComplianceReport(handle.db, testViewer, { month: "2026-07" }, NOW);
    expect(report.demo).toBeNull();
  });
});
