import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealPassword } from "@/lib/appliances/appliance-secrets";
import { prunePolls, refreshStoredViews } from "@/lib/poller/maintenance-jobs";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(testDbKinds())("maintenance jobs (%s)", (kind) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb(kind);
  });
  afterAll(async () => {
    await handle?.drop();
  });

  const addAppliance = (name: string, data: Record<string, unknown> = {}) =>
    handle.db.prisma.appliance.create({
      data: {
        name,
        kind: "zvm",
        role: "production",
        mode: "polled",
        url: "https://zvm.example.net",
        username: "u",
        passwordSealed: sealPassword("p"),
        ...data,
      },
    });

  it("folds polls older than the retention into daily counts and deletes them", async () => {
    const appliance = await addAppliance("pruned");
    const now = new Date("2026-11-22T12:00:00Z");
    const polls = [
      { at: new Date(now.getTime() - 3 * DAY), ok: true, durationMs: 100 },
      { at: new Date(now.getTime() - 3 * DAY + HOUR), ok: false, durationMs: 300 },
      { at: new Date(now.getTime() - 2 * DAY - 6 * HOUR), ok: true, durationMs: 50 },
      { at: new Date(now.getTime() - HOUR), ok: true, durationMs: 70 },
    ];
    await handle.db.prisma.poll.createMany({ data: polls.map((poll) => ({ ...poll, applianceId: appliance.id })) });
    const deleted = await prunePolls(handle.db, 48, now);
    expect(deleted).toBe(3);
    expect(await handle.db.prisma.poll.count({ where: { applianceId: appliance.id } })).toBe(1);
    const daily = await handle.db.prisma.pollDaily.findMany({ where: { applianceId: appliance.id }, orderBy: { day: "asc" } });
    expect(daily.map((row) => ({ day: row.day.toISOString().slice(0, 10), ok: row.okCount, fail: row.failCount, total: Number(row.totalMs), max: row.maxMs }))).toEqual([
      { day: "2026-11-19", ok: 1, fail: 1, total: 400, max: 300 },
      { day: "2026-11-20", ok: 1, fail: 0, total: 50, max: 50 },
    ]);
    // A second pass adds to the same day's counts rather than replacing them.
    await handle.db.prisma.poll.create({ data: { applianceId: appliance.id, at: new Date("2026-11-19T23:00:00Z"), ok: false, durationMs: 900 } });
    await prunePolls(handle.db, 48, now);
    const day = await handle.db.prisma.pollDaily.findFirstOrThrow({ where: { applianceId: appliance.id, day: new Date("2026-11-19") } });
    expect({ fail: day.failCount, max: day.maxMs }).toEqual({ fail: 2, max: 900 });
  });

  it("moves stored statuses with the clock: a fresh ok goes stale, a countdown turns critical", async () => {
    const now = new Date();
    const fresh = await addAppliance("goes-stale", {
      lastDataAt: new Date(now.getTime() - 20 * 60_000),
      alertsObservedAt: new Date(now.getTime() - 20 * 60_000),
      billingAlertActive: false,
      disconnectionAlertActive: false,
      licenseType: "Cloud",
      version: "10.0.60",
      billingStatus: "ok",
    });
    const failing = await addAppliance("turns-critical", {
      lastDataAt: now,
      alertsObservedAt: now,
      billingAlertActive: true,
      billingAlertTurnedOn: new Date(now.getTime() - 11 * DAY),
      disconnectionAlertActive: false,
      licenseType: "Cloud",
      version: "10.0.60",
      billingStatus: "warning",
    });
    expect(await refreshStoredViews(handle.db, now)).toBeGreaterThanOrEqual(2);
    const rows = await handle.db.prisma.appliance.findMany({ where: { id: { in: [fresh.id, failing.id] } } });
    const byName = Object.fromEntries(rows.map((row) => [row.name, row]));
    expect(byName["goes-stale"].billingStatus).toBe("stale");
    expect(byName["turns-critical"].billingStatus).toBe("critical");
    expect(byName["turns-critical"].disconnectAt?.getTime()).toBe(now.getTime() - 11 * DAY + 15 * DAY);
    // Nothing changed since: a second pass writes nothing.
    expect(await refreshStoredViews(handle.db, now)).toBe(0);
  });
});
