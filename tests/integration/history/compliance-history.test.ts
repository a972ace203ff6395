import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealPassword } from "@/lib/appliances/appliance-secrets";
import { getComplianceReport } from "@/lib/history/get-compliance-report";
import { exportComplianceCsv } from "@/lib/history/export-compliance-csv";
import { tableCsvRows, tenantTable } from "@/lib/history/compliance-tables";
import { listBillingMonths } from "@/lib/history/get-billing-months";
import { parseCsv } from "@/lib/csv/csv";
import { HistoryMemory, recordComplianceHistory, rollUpDay } from "@/lib/history/record-compliance-history";
import { getApplianceHistory } from "@/lib/history/get-appliance-history";
import { refreshStoredViews } from "@/lib/poller/maintenance-jobs";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { testViewer } from "../helpers/worker-context";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = new Date("2026-11-20T10:00:00Z");
const after = (ms: number) => new Date(T0.getTime() + ms);

describe.each(testDbKinds())("compliance history (%s)", (kind) => {
  let handle: TestDb;
  const ids: Record<string, string> = {};
  const memory = new HistoryMemory();

  /** Every appliance polled at `now`, with the evidence given; then the stored views for `now`. */
  async function observe(now: Date, evidence: Record<string, Prisma.ApplianceUpdateInput> = {}) {
    await handle.db.prisma.appliance.updateMany({ data: { lastDataAt: now, alertsObservedAt: now } });
    for (const [name, data] of Object.entries(evidence)) {
      await handle.db.prisma.appliance.update({ where: { id: ids[name] }, data });
    }
    await refreshStoredViews(handle.db, now);
  }

  const sample = (now: Date, withMemory = memory) => recordComplianceHistory(handle.db, now, withMemory);

  beforeAll(async () => {
    handle = await createTestDb(kind);
    const appliances = [
      // name, tenant, region, role, licence
      ["failing-then-fixed", "acme", "ams", "production", "Cloud"],
      ["healthy", "acme", "ams", "production", "Cloud"],
      ["nearly-out", "globex", "fra", "production", "Cloud"],
      ["trial-lab", "globex", "fra", "production", "Trial"],
      ["test-site", "globex", "fra", "test", "NFR"],
    ] as const;
    for (const [name, tenant, region, role, licenseType] of appliances) {
      const row = await handle.db.prisma.appliance.create({
        data: {
          name,
          kind: "zvm",
          role,
          mode: "polled",
          url: `https://${name}.example.net`,
          username: "svc",
          passwordSealed: sealPassword("pw"),
          tenant,
          region,
          version: "9.7.10",
          licenseType,
          billingAlertActive: false,
          disconnectionAlertActive: false,
        },
      });
      ids[name] = row.id;
    }
  });

  afterAll(async () => {
    await handle?.drop();
  });

  it("opens an episode per failing appliance and records each one's day", async () => {
    await observe(T0, {
      "failing-then-fixed": { billingAlertActive: true, billingAlertTurnedOn: new Date(T0.getTime() - 8 * DAY) },
      // 10 days in: 5 whole days left, under the critical threshold.
      "nearly-out": { billingAlertActive: true, billingAlertTurnedOn: new Date(T0.getTime() - 10 * DAY) },
    });
    const result = await sample(T0);
    expect(result).toMatchObject({ skipped: false, appliances: 5, opened: 2, closed: 0, daysWritten: 5 });

    const episodes = await handle.db.prisma.failureEpisode.findMany({ orderBy: { applianceName: "asc" } });
    expect(episodes.map((e) => [e.applianceName, e.startedAt.toISOString(), e.endedAt, e.criticalAt?.toISOString() ?? null])).toEqual([
      ["failing-then-fixed", "2026-11-12T10:00:00.000Z", null, null],
      // Critical from 6 days before the disconnect: 9 days after it began.
      ["nearly-out", "2026-11-10T10:00:00.000Z", null, "2026-11-19T10:00:00.000Z"],
    ]);
    const day = await handle.db.prisma.complianceDay.findUniqueOrThrow({
      where: { applianceId_day: { applianceId: ids["failing-then-fixed"], day: new Date("2026-11-20") } },
    });
    expect(day).toMatchObject({ worstStatus: "warning", minutesFailing: 600, tenant: "acme", region: "ams", role: "production" });
  });

  it("writes nothing again while nothing changes", async () => {
    await observe(after(60_000));
    const result = await sample(after(60_000));
    // The two failing appliances' minutes moved on; the others are unchanged.
    expect(result.daysWritten).toBe(2);
  });

  it("closes the episode at the proven send and keeps the day's worst status", async () => {
    await observe(after(2 * HOUR), {
      "failing-then-fixed": { billingAlertActive: false, billingAlertTurnedOn: null, lastSuccessfulSendAt: after(HOUR), lastSuccessfulSendSource: "test-transmission" },
    });
    const result = await sample(after(2 * HOUR));
    expect(result).toMatchObject({ opened: 0, closed: 1 });
    const episode = await handle.db.prisma.failureEpisode.findFirstOrThrow({ where: { applianceId: ids["failing-then-fixed"] } });
    expect(episode).toMatchObject({ endedAt: after(HOUR), endedBy: "send-proven", openKey: null });
    const day = await handle.db.prisma.complianceDay.findUniqueOrThrow({
      where: { applianceId_day: { applianceId: ids["failing-then-fixed"], day: new Date("2026-11-20") } },
    });
    expect(day).toMatchObject({ worstStatus: "warning", lastStatus: "ok", minutesFailing: 660 });
  });

  it("a restarted worker (no memory) records the same history, without duplicates", async () => {
    const fresh = new HistoryMemory();
    const result = await sample(after(2 * HOUR), fresh);
    expect(result).toMatchObject({ opened: 0, closed: 0, daysWritten: 5 });
    expect(await handle.db.prisma.failureEpisode.count()).toBe(2);
    expect(await handle.db.prisma.complianceDay.count()).toBe(5);
  });

  it("reports the day, the tenants and the billing month from the roll-ups", async () => {
    const report = await getComplianceReport(handle.db, testViewer, { days: 30 }, after(2 * HOUR));
    const today = report.daily.find((day) => day.day === "2026-11-20");
    // Production that must send: failing-then-fixed, healthy, nearly-out, and trial-lab (a production
    // misfit is a warning, not exempt); only healthy was OK all day.
    expect(today).toMatchObject({ recorded: true, appliances: 4, mustSend: 4, compliant: 1, recoveries: 1, recoveryMinutes: 8 * 24 * 60 + 60 });
    // failing-then-fixed 11 h until 11:00; nearly-out 12 h so far.
    expect(today?.minutesFailing).toBe(660 + 720);
    // The near-disconnect is dated when it crossed the threshold, the day before.
    expect(report.daily.find((day) => day.day === "2026-11-19")).toMatchObject({ recorded: true, nearDisconnects: 1, mustSend: 0 });
    expect(report.daily.filter((day) => day.recorded)).toHaveLength(2);

    expect(report.byTenant.map((group) => [group.key, group.mustSend, group.compliant, group.recoveries, group.nearDisconnects])).toEqual([
      ["acme", 2, 1, 1, 0],
      ["globex", 2, 0, 0, 1],
    ]);
    expect(await listBillingMonths(handle.db, testViewer, after(2 * HOUR))).toEqual([
      expect.objectContaining({ billingDay: "2026-12-03", from: "2026-11-04", daysRecorded: 2, compliant: 1, mustSend: 4, nearDisconnects: 1, onBillingDay: null }),
    ]);
  });

  it("answers for a named period: this month so far, per appliance", async () => {
    const report = await getComplianceReport(handle.db, testViewer, { month: "2026-11", appliances: "all" }, after(2 * HOUR));
    expect(report.period).toMatchObject({ from: "2026-11-01", to: "2026-11-30", through: "2026-11-20", partial: true });
    expect(report.daily).toHaveLength(20);
    expect(report.daily.at(-1)).toMatchObject({ day: "2026-11-20", partial: true });
    expect(report.byAppliance.map((item) => [item.name, item.mustSend, item.compliant, item.minutesFailing, item.nearDisconnects, item.recoveries])).toEqual([
      ["nearly-out", 1, 0, 720, 1, 0],
      ["failing-then-fixed", 1, 0, 660, 0, 1],
      ["trial-lab", 1, 0, 0, 0, 0],
      ["healthy", 1, 1, 0, 0, 0],
    ]);
    const attention = await getComplianceReport(handle.db, testViewer, { month: "2026-11" }, after(2 * HOUR));
    expect(attention.byAppliance.map((item) => item.name)).not.toContain("healthy");
    expect(attention.appliancesRecorded).toBe(4);
  });

  it("exports each table as CSV with exactly the rows the page shows, numbers as numbers", async () => {
    const now = after(2 * HOUR);
    const { csv, filename } = await exportComplianceCsv(handle.db, testViewer, { table: "tenants", days: "90" }, now);
    const table = tenantTable(await getComplianceReport(handle.db, testViewer, { days: 90 }, now));
    expect(filename).toBe("lifeline-compliance-tenants-2026-08-23-to-2026-11-20.csv");
    const { header, rows } = tableCsvRows(table);
    const parsed = parseCsv(csv);
    expect(parsed[0]).toEqual(header);
    expect(parsed.slice(1)).toEqual(rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? "" : String(cell)))));
    expect(parsed[1]).toEqual(["acme", "2", "2", "1", "0.5", "660", "0", "0", "1", "11580"]);

    const appliances = await exportComplianceCsv(handle.db, testViewer, { table: "appliances", month: "2026-11" }, now);
    expect(appliances.filename).toBe("lifeline-compliance-appliances-2026-11-01-to-2026-11-20.csv");
    expect(parseCsv(appliances.csv)[0]).toEqual([
      "Appliance",
      "Tenant",
      "Region",
      "Counted from",
      "Days to send",
      "Compliant days",
      "Compliant share (0-1)",
      "Time failing (min)",
      "Near-disconnects",
      "Disconnects",
      "Recoveries",
      "Mean time to recover (min)",
    ]);
  });

  it("counts a new appliance from its first data, not its registration", async () => {
    const registered = after(2 * HOUR + 60_000);
    const row = await handle.db.prisma.appliance.create({
      data: {
        name: "added-later",
        kind: "zvm",
        role: "production",
        mode: "polled",
        url: "https://added-later.example.net",
        username: "svc",
        passwordSealed: sealPassword("pw"),
        tenant: "initech",
        region: "ams",
        createdAt: registered,
      },
    });
    // Registered but never read: its day is not recorded, its tenant not counted.
    await refreshStoredViews(handle.db, registered);
    await sample(registered);
    expect(await handle.db.prisma.complianceDay.count({ where: { applianceId: row.id } })).toBe(0);
    // First poll an hour later, healthy: it counts from here, compliant so far.
    const polled = after(3 * HOUR);
    await handle.db.prisma.appliance.update({
      where: { id: row.id },
      data: { lastDataAt: polled, alertsObservedAt: polled, billingAlertActive: false, disconnectionAlertActive: false, version: "9.7.10", licenseType: "Cloud" },
    });
    await refreshStoredViews(handle.db, polled);
    await sample(polled);
    const report = await getComplianceReport(handle.db, testViewer, { month: "2026-11", appliances: "all" }, polled);
    expect(report.byTenant.find((group) => group.key === "initech")).toMatchObject({ mustSend: 1, compliant: 1 });
    expect(report.byAppliance.find((item) => item.name === "added-later")).toMatchObject({ countedFrom: "2026-11-20", mustSend: 1, compliant: 1 });
    await handle.db.prisma.complianceDay.deleteMany({ where: { applianceId: row.id } });
    await handle.db.prisma.appliance.delete({ where: { id: row.id } });
    await rollUpDay(handle.db.prisma, new Date("2026-11-20"));
  });

  it("completes yesterday to midnight on the first sample of a new day", async () => {
    const nextDay = new Date("2026-11-21T00:30:00Z");
    await observe(nextDay);
    const result = await sample(nextDay);
    expect(result.rollupDays).toEqual(["2026-11-20", "2026-11-21"]);
    const yesterday = await handle.db.prisma.complianceDay.findUniqueOrThrow({
      where: { applianceId_day: { applianceId: ids["nearly-out"], day: new Date("2026-11-20") } },
    });
    expect(yesterday.minutesFailing).toBe(1440);
    const today = await handle.db.prisma.complianceDay.findUniqueOrThrow({
      where: { applianceId_day: { applianceId: ids["nearly-out"], day: new Date("2026-11-21") } },
    });
    expect(today).toMatchObject({ worstStatus: "critical", minutesFailing: 30 });
  });

  it("closes a removed appliance's episode without counting a recovery", async () => {
    const now = new Date("2026-11-21T01:00:00Z");
    await handle.db.prisma.appliance.delete({ where: { id: ids["nearly-out"] } });
    const result = await sample(now);
    expect(result.closed).toBe(1);
    const episode = await handle.db.prisma.failureEpisode.findFirstOrThrow({ where: { applianceName: "nearly-out" } });
    expect(episode.endedBy).toBe("removed");
    const report = await getComplianceReport(handle.db, testViewer, { days: 30 }, now);
    expect(report.daily.find((day) => day.day === "2026-11-21")?.recoveries).toBe(0);
    // Its history stays: the figures of the days it was there do not change.
    expect(report.byTenant.find((group) => group.key === "globex")?.nearDisconnects).toBe(1);
  });

  it("feeds the appliance page its send-evidence chart", async () => {
    const history = await getApplianceHistory(handle.db, testViewer, ids["failing-then-fixed"], { range: 7 }, new Date("2026-11-21T01:00:00Z"));
    expect(history.sendDays.map((day) => [day.day, day.hoursFailing, day.worstStatus]).slice(-2)).toEqual([
      ["2026-11-20", 11, "warning"],
      ["2026-11-21", 0, "ok"],
    ]);
    expect(history.timeline.map((event) => event.kind)).toEqual(["recovered", "failing-started"]);
  });
});
