import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as appliancesRoute from "@/app/api/v1/appliances/route";
import * as billingDayRoute from "@/app/api/v1/compliance/billing-day/route";
import * as billingDayTestsRoute from "@/app/api/v1/compliance/billing-day/test-transmissions/route";
import * as complianceRoute from "@/app/api/v1/compliance/route";
import * as exportRoute from "@/app/api/v1/compliance/export/route";
import * as eventsRoute from "@/app/api/v1/events/route";
import * as migrationRoute from "@/app/api/v1/fleet/migration/route";
import * as bulkProgressRoute from "@/app/api/v1/test-transmissions/bulk/[bulkId]/route";
import { sealPassword } from "@/lib/appliances/appliance-secrets";
import { setDb } from "@/lib/db";
import { parseCsv } from "@/lib/csv/csv";
import { listAuditLog } from "@/lib/history/list-audit-log";
import { updateSettings } from "@/lib/settings/update-settings";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { testAdmin, testOperator } from "../helpers/worker-context";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(testDbKinds())("fleet screens' API (%s)", (kind) => {
  let handle: TestDb;
  const tokens: Record<string, string> = {};

  function request(handler: Handler, path: string, options: { role?: string | null; method?: string; params?: Record<string, string>; signal?: AbortSignal } = {}) {
    const role = options.role === undefined ? "viewer" : options.role;
    const headers: Record<string, string> = role ? { authorization: `Bearer ${tokens[role]}` } : {};
    return handler(new Request(`http://lifeline.test${path}`, { method: options.method ?? "GET", headers, signal: options.signal }), {
      params: Promise.resolve(options.params ?? {}),
    });
  }

  async function json(handler: Handler, path: string, options: Parameters<typeof request>[2] = {}) {
    const response = await request(handler, path, options);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  // name, stored status, days until disconnect, readiness, tenant, hours since the last proven send
  const FLEET = [
    ["b-ok", "ok", null, "ready", "acme", 1],
    ["a-critical-3", "critical", 3, "blocked", "acme", null],
    ["c-warning-9", "warning", 9, "ready", "globex", null],
    ["d-critical-1", "critical", 1, "pending-upgrade", "globex", null],
    ["e-disconnected", "disconnected", 0, "blocked", "acme", null],
    ["f-exempt", "exempt", null, "unknown", "globex", null],
    ["g-stale", "stale", null, "pending-upgrade", "acme", 30],
    ["h-unknown", "unknown", null, "unknown", null, null],
  ] as const;

  beforeAll(async () => {
    handle = await createTestDb(kind);
    setDb(handle.db);
    for (const role of ["viewer", "operator"] as const) {
      tokens[role] = (await createApiToken(handle.db, testAdmin, { name: `fleet-${role}`, role })).token;
    }
    const now = Date.now();
    for (const [name, billingStatus, daysLeft, readiness, tenant, sentHoursAgo] of FLEET) {
      await handle.db.prisma.appliance.create({
        data: {
          name,
          kind: "zvm",
          role: "production",
          // Reporting: the test never polls anything.
          mode: "reporting",
          url: `https://${name}.example.net`,
          username: "svc",
          passwordSealed: sealPassword("pw"),
          tenant,
          billingStatus,
          migrationReadiness: readiness,
          newEndpointReachability: name === "d-critical-1" ? "unreachable" : null,
          disconnectAt: daysLeft === null ? null : new Date(now + daysLeft * DAY + HOUR),
          lastSuccessfulSendAt: sentHoursAgo === null ? null : new Date(now - sentHoursAgo * HOUR),
          lastSuccessfulSendSource: sentHoursAgo === null ? null : "test-transmission",
        },
      });
    }
  });

  afterAll(async () => {
    setDb(null);
    await handle?.drop();
  });

  it("lists worst first, page by page, and counts every match", async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const { status, body }: { status: number; body: Record<string, unknown> } = await json(
        appliancesRoute.GET as Handler,
        `/api/v1/appliances?sort=severity&limit=3${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(status).toBe(200);
      expect(body.total).toBe(8);
      names.push(...(body.items as { name: string }[]).map((item) => item.name));
      cursor = body.nextCursor as string | null;
    } while (cursor);
    expect(names).toEqual(["e-disconnected", "d-critical-1", "a-critical-3", "c-warning-9", "g-stale", "h-unknown", "b-ok", "f-exempt"]);
  });

  it("sorts by any column both ways, missing values last, and filters in SQL", async () => {
    const tenants = await json(appliancesRoute.GET as Handler, "/api/v1/appliances?sort=tenant&dir=desc&limit=100");
    expect((tenants.body.items as { tags: { tenant?: string } }[]).map((item) => item.tags.tenant ?? null)).toEqual([
      null,
      "globex",
      "globex",
      "globex",
      "acme",
      "acme",
      "acme",
      "acme",
    ]);
    const failing = await json(appliancesRoute.GET as Handler, "/api/v1/appliances?status=critical,warning&tenant=globex&sort=disconnect");
    expect((failing.body.items as { name: string }[]).map((item) => item.name)).toEqual(["d-critical-1", "c-warning-9"]);
    expect(failing.body.total).toBe(2);
    const escaped = await json(appliancesRoute.GET as Handler, "/api/v1/appliances?q=%25");
    expect(escaped.body.total).toBe(0);
  });

  it("keeps the name cursor it gave out before sorting existed, and refuses a cursor of another sort", async () => {
    const first = await json(appliancesRoute.GET as Handler, "/api/v1/appliances?limit=2");
    expect(JSON.parse(Buffer.from(first.body.nextCursor as string, "base64url").toString())).toEqual({ after: "b-ok" });
    const second = await json(appliancesRoute.GET as Handler, `/api/v1/appliances?limit=2&cursor=${first.body.nextCursor}`);
    expect((second.body.items as { name: string }[]).map((item) => item.name)).toEqual(["c-warning-9", "d-critical-1"]);
    const mixed = await json(appliancesRoute.GET as Handler, `/api/v1/appliances?sort=severity&cursor=${first.body.nextCursor}`);
    expect(mixed.status).toBe(422);
    expect(mixed.body).toMatchObject({ error: { field: "cursor" } });
    const badSort = await json(appliancesRoute.GET as Handler, "/api/v1/appliances?sort=colour");
    expect(badSort.status).toBe(422);
  });

  it("groups the fleet by 9.0 readiness with the endpoints to allow, and exports it", async () => {
    await updateSettings(handle.db, testAdmin, { billingEndpoints: { old: ["autologs.zerto.com:443"], new: ["billing9.example.net:443"] } });
    const { status, body } = await json(migrationRoute.GET as Handler, "/api/v1/fleet/migration");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      endpoints: { old: ["autologs.zerto.com:443"], new: ["billing9.example.net:443"] },
      counts: { ready: 2, blocked: 2, "pending-upgrade": 2, unknown: 2 },
      pendingByReachability: { unreachable: 1, unknown: 1, reachable: 0 },
    });
    const pending = (body.groups as Record<string, { entries: { name: string }[] }>)["pending-upgrade"].entries.map((entry) => entry.name);
    expect(pending).toEqual(["d-critical-1", "g-stale"]);
    const csv = await request(migrationRoute.GET as Handler, "/api/v1/fleet/migration?format=csv");
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const rows = parseCsv(await csv.text());
    expect(rows).toHaveLength(9);
    expect(rows.find((row) => row[0] === "d-critical-1")).toEqual(["d-critical-1", "globex", "", "", "pending-upgrade", "unreachable", "", "critical"]);
  });

  it("streams a fleet event now and another when a status changes", async () => {
    const controller = new AbortController();
    const response = await request(eventsRoute.GET as Handler, "/api/v1/events", { signal: controller.signal });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    const nextDigest = async () => {
      for (;;) {
        const match = /event: fleet\ndata: (.*)\n\n/.exec(buffer);
        if (match) {
          buffer = buffer.slice(match.index + match[0].length);
          return (JSON.parse(match[1]) as { digest: string }).digest;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        buffer += decoder.decode(value);
      }
    };
    const first = await nextDigest();
    await handle.db.prisma.appliance.update({ where: { name: "b-ok" }, data: { billingStatus: "warning" } });
    const second = await nextDigest();
    expect(second).not.toBe(first);
    controller.abort();
    await reader.cancel().catch(() => undefined);
    await handle.db.prisma.appliance.update({ where: { name: "b-ok" }, data: { billingStatus: "ok" } });
  });

  it("refuses the event stream without a caller", async () => {
    expect((await request(eventsRoute.GET as Handler, "/api/v1/events", { role: null })).status).toBe(401);
  });

  it("lists the appliances at risk for the billing day and lets an operator test them all, with progress", async () => {
    const readiness = await json(billingDayRoute.GET as Handler, "/api/v1/compliance/billing-day");
    // Not exempt and no proof in 24 h: everything but b-ok (1 h ago) and f-exempt.
    expect(readiness.body).toMatchObject({ atRisk: 6, unproven: 0, untested: 6, sending: 7 });
    expect((readiness.body.shown as { name: string }[])[0].name).toBe("e-disconnected");

    const refused = await json(billingDayTestsRoute.POST as Handler, "/api/v1/compliance/billing-day/test-transmissions", { method: "POST" });
    expect(refused.status).toBe(403);

    const started = await json(billingDayTestsRoute.POST as Handler, "/api/v1/compliance/billing-day/test-transmissions", { method: "POST", role: "operator" });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ matched: 6, created: 6, alreadyOpen: 0 });
    const progress = await json(bulkProgressRoute.GET as Handler, `/api/v1/test-transmissions/bulk/${started.body.bulkId}`, {
      params: { bulkId: started.body.bulkId as string },
    });
    expect(progress.body).toMatchObject({ total: 6, done: 0, pending: 6 });

    const audit = await listAuditLog(handle.db, testAdmin, { action: "test-transmission.bulk-billing-day" });
    expect(audit.entries).toEqual([expect.objectContaining({ actor: "token:fleet-operator", result: "requested", detail: { matched: 6, created: 6 } })]);
    await expect(listAuditLog(handle.db, testOperator, {})).rejects.toMatchObject({ status: 403 });
  });

  it("answers the compliance report and its CSV, and names a bad range", async () => {
    expect((await json(complianceRoute.GET as Handler, "/api/v1/compliance?days=90")).body).toMatchObject({ days: 90, byTenant: [] });
    const bad = await json(complianceRoute.GET as Handler, "/api/v1/compliance?days=7");
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { field: "days" } });
    const csv = await request(exportRoute.GET as Handler, "/api/v1/compliance/export?table=months&days=365");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="lifeline-compliance-billing-months.csv"');
    expect(parseCsv(await csv.text())[0][0]).toBe("Billing day");
    expect((await request(exportRoute.GET as Handler, "/api/v1/compliance/export?table=secrets")).status).toBe(422);
  });
});
