import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealPassword } from "@/lib/appliances/appliance-secrets";
import { removeAppliance } from "@/lib/appliances/remove-appliance";
import { acknowledgeAlerts } from "@/lib/alerts/acknowledge-alerts";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { silenceAlerts } from "@/lib/alerts/silence-alerts";
import { silenceMinutesOf } from "@/lib/alerts/silence-duration";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { testAdmin, testOperator, testViewer } from "../helpers/worker-context";

const NOW = new Date("2026-11-25T12:00:00Z");
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

describe.each(testDbKinds())("alerts chosen on the alerts page (%s)", (kind) => {
  let handle: TestDb;
  const appliances: Record<string, string> = {};
  const alerts: Record<string, string> = {};

  beforeAll(async () => {
    handle = await createTestDb(kind);
    for (const name of ["zvm-a", "zvm-b"]) {
      const row = await handle.db.prisma.appliance.create({
        data: { name, kind: "zvm", role: "production", mode: "polled", url: `https://${name}.example.net`, username: "svc", passwordSealed: sealPassword("pw") },
      });
      appliances[name] = row.id;
    }
    // name, appliance, condition, severity, status, last change (minutes ago)
    const rows = [
      ["warn-new", "zvm-a", "clock-skew", "warning", "open", 1],
      ["crit-old", "zvm-b", "billing", "critical", "open", 300],
      ["info-newest", "zvm-a", "licence", "info", "open", 0],
      ["crit-new", "zvm-a", "billing", "critical", "acknowledged", 5],
      ["warn-old", "zvm-b", "stale", "warning", "open", 200],
      ["resolved", "zvm-b", "certificate", "critical", "resolved", 2],
    ] as const;
    for (const [name, appliance, condition, severity, status, ago] of rows) {
      const dedupKey = `appliance:${appliances[appliance]}:${condition}`;
      const row = await handle.db.prisma.alert.create({
        data: {
          applianceId: appliances[appliance],
          condition,
          dedupKey,
          openKey: status === "resolved" ? null : dedupKey,
          severity,
          status,
          step: "started",
          summary: name,
          openedAt: minutesAgo(ago + 10),
          lastEventAt: minutesAgo(ago),
          resolvedAt: status === "resolved" ? minutesAgo(ago) : null,
        },
      });
      alerts[name] = row.id;
    }
  });

  afterAll(async () => {
    await handle?.drop();
  });

  it("lists the most severe first, then the newest change, page after page", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listAlerts>> = await listAlerts(handle.db, testViewer, { sort: "severity", status: "open,acknowledged", limit: 2, cursor: cursor ?? undefined }, NOW);
      seen.push(...page.items.map((item) => item.summary));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["crit-new", "crit-old", "warn-new", "warn-old", "info-newest"]);
    // The API's default stays newest first.
    const recent = await listAlerts(handle.db, testViewer, { status: "open,acknowledged" }, NOW);
    expect(recent.items.map((item) => item.summary)).toEqual(["info-newest", "warn-new", "crit-new", "warn-old", "crit-old"]);
    // A cursor of one order is refused in the other.
    const first = await listAlerts(handle.db, testViewer, { status: "open,acknowledged", limit: 1 }, NOW);
    await expect(listAlerts(handle.db, testViewer, { sort: "severity", cursor: first.nextCursor as string }, NOW)).rejects.toMatchObject({ field: "cursor" });
  });

  it("acknowledges several at once; a resolved one is skipped and named, not fatal", async () => {
    await expect(acknowledgeAlerts(handle.db, testViewer, [alerts["warn-new"]], NOW)).rejects.toMatchObject({ status: 403 });
    const result = await acknowledgeAlerts(handle.db, testOperator, [alerts["warn-new"], alerts["warn-old"], alerts.resolved, alerts["warn-new"]], NOW);
    expect(result.acknowledged).toEqual(["Clock skew on zvm-a", "Stale or unreachable on zvm-b"]);
    expect(result.skipped).toEqual([{ id: alerts.resolved, reason: expect.stringContaining("resolved") }]);
    const rows = await handle.db.prisma.alert.findMany({ where: { id: { in: [alerts["warn-new"], alerts["warn-old"]] } } });
    expect(rows.map((row) => [row.status, row.acknowledgedBy])).toEqual([
      ["acknowledged", "operator@example.net"],
      ["acknowledged", "operator@example.net"],
    ]);
    await expect(acknowledgeAlerts(handle.db, testOperator, [], NOW)).rejects.toMatchObject({ field: "ids" });
  });

  it("silences the appliances of the selected alerts for a custom length, once per appliance, audited", async () => {
    const minutes = silenceMinutesOf({ preset: "custom", amount: "90", unit: "minutes" });
    expect(minutes).toBe(90);
    const silences = await silenceAlerts(
      handle.db,
      testOperator,
      { ids: [alerts["warn-new"], alerts["info-newest"], alerts["crit-old"]], scope: "appliance", durationMinutes: minutes, reason: "change CHG-7" },
      NOW,
    );
    expect(silences.map((silence) => [silence.appliance?.name, silence.condition, silence.endsAt]).sort()).toEqual([
      ["zvm-a", null, "2026-11-25T13:30:00.000Z"],
      ["zvm-b", null, "2026-11-25T13:30:00.000Z"],
    ]);
    const byCondition = await silenceAlerts(handle.db, testOperator, { ids: [alerts["crit-old"]], scope: "condition", durationMinutes: 60, reason: "x" }, NOW);
    expect(byCondition.map((silence) => silence.condition)).toEqual(["billing"]);
    expect(await handle.db.prisma.auditLog.count({ where: { action: "silence.create" } })).toBe(3);
    await expect(silenceAlerts(handle.db, testOperator, { ids: [alerts["crit-old"]], scope: "appliance", durationMinutes: 91 * 1440, reason: "x" }, NOW)).rejects.toMatchObject({
      field: "durationMinutes",
    });
    expect(() => silenceMinutesOf({ preset: "custom", amount: "0", unit: "hours" })).toThrow(/amount: must be more than 0/);
    expect(() => silenceMinutesOf({ preset: "17" })).toThrow(/preset/);
    expect(silenceMinutesOf({ preset: "custom", amount: "1.5", unit: "days" })).toBe(2160);
  });

  it("removes an appliance only when its name is typed back, and audits it", async () => {
    await expect(removeAppliance(handle.db, testAdmin, appliances["zvm-b"], { confirmName: "zvm-a" })).rejects.toMatchObject({ field: "confirmName" });
    await expect(removeAppliance(handle.db, testAdmin, appliances["zvm-b"], { confirmName: "" })).rejects.toMatchObject({ field: "confirmName" });
    expect(await handle.db.prisma.appliance.count({ where: { id: appliances["zvm-b"] } })).toBe(1);
    expect(await removeAppliance(handle.db, testAdmin, appliances["zvm-b"], { confirmName: "zvm-b" })).toEqual({ id: appliances["zvm-b"], name: "zvm-b" });
    expect(await handle.db.prisma.auditLog.findMany({ where: { action: "appliance.remove" } })).toEqual([
      expect.objectContaining({ target: "appliance:zvm-b", detail: expect.objectContaining({ id: appliances["zvm-b"], confirmedByName: true }) }),
    ]);
  });
});
