import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as applianceRoute from "@/app/api/v1/appliances/[id]/route";
import * as pollRoute from "@/app/api/v1/appliances/[id]/poll/route";
import * as testsRoute from "@/app/api/v1/appliances/[id]/test-transmissions/route";
import * as appliancesRoute from "@/app/api/v1/appliances/route";
import * as summaryRoute from "@/app/api/v1/fleet/summary/route";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import * as settingsRoute from "@/app/api/v1/settings/route";
import * as transmissionRoute from "@/app/api/v1/test-transmissions/[id]/route";
import { setDb } from "@/lib/db";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { testAdmin } from "../helpers/worker-context";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const FINGERPRINT = "ab".repeat(32);

describe.each(testDbKinds())("REST API v1 (%s)", (kind) => {
  let handle: TestDb;
  const tokens: Record<string, string> = {};

  async function call(handler: Handler, options: { method?: string; path?: string; token?: string | null; body?: unknown; params?: Record<string, string>; raw?: string; type?: string }) {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? tokens.admin : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.raw !== undefined || options.body !== undefined) {
      headers["content-type"] = options.type ?? "application/json";
      body = options.raw ?? JSON.stringify(options.body);
    }
    const response = await handler(new Request(`http://lifeline.test${options.path ?? "/api/v1/x"}`, { method: options.method ?? "GET", headers, body }), {
      params: Promise.resolve(options.params ?? {}),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  }

  const create = (body: Record<string, unknown>, token?: string) =>
    call(appliancesRoute.POST as Handler, { method: "POST", body, token });

  const valid = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    kind: "zvm",
    role: "production",
    mode: "polled",
    url: "https://zvm.example.net:9669/",
    username: "svc",
    password: "s3cret-pass",
    tlsFingerprintSha256: FINGERPRINT,
    tags: { tenant: "acme", region: "ams" },
    ...extra,
  });

  beforeAll(async () => {
    handle = await createTestDb(kind);
    setDb(handle.db);
    for (const role of ["viewer", "operator", "admin"] as const) {
      tokens[role] = (await createApiToken(handle.db, testAdmin, { name: `api-${role}`, role })).token;
    }
  });

  afterAll(async () => {
    setDb(null);
    await handle?.drop();
  });

  it("creates an appliance and never returns its password", async () => {
    const { status, json } = await create(valid("zvm-ams-01"));
    expect(status).toBe(201);
    expect(json).toMatchObject({
      name: "zvm-ams-01",
      url: "https://zvm.example.net:9669",
      billingStatus: "unknown",
      migrationReadiness: "unknown",
      lastPolledAt: null,
      tags: { tenant: "acme", region: "ams" },
      tlsFingerprintSha256: FINGERPRINT.toUpperCase().match(/../g)!.join(":"),
    });
    expect(JSON.stringify(json)).not.toContain("s3cret-pass");
    const stored = await handle.db.prisma.appliance.findUniqueOrThrow({ where: { id: json.id } });
    expect(stored.passwordSealed).not.toContain("s3cret-pass");
    const fetched = await call(applianceRoute.GET as Handler, { params: { id: json.id }, token: tokens.viewer });
    expect(fetched.status).toBe(200);
    expect(JSON.stringify(fetched.json)).not.toMatch(/password/i);
  });

  it.each([
    { name: "missing name", body: { ...valid("x"), name: undefined }, status: 422, field: "name" },
    { name: "bad kind", body: valid("x", { kind: "zcm" }), status: 422, field: "kind" },
    { name: "http URL", body: valid("x", { url: "http://zvm:9669" }), status: 422, field: "url" },
    { name: "bad fingerprint", body: valid("x", { tlsFingerprintSha256: "abc" }), status: 422, field: "tlsFingerprintSha256" },
    { name: "polled without password", body: valid("x", { password: undefined }), status: 422, field: "password" },
    { name: "unknown field", body: valid("x", { colour: "red" }), status: 422, field: undefined },
    { name: "over-long tenant", body: valid("x", { tags: { tenant: "t".repeat(101) } }), status: 422, field: "tags.tenant" },
  ])("rejects $name with the field named", async ({ body, status, field }) => {
    const answer = await create(body as Record<string, unknown>);
    expect(answer.status).toBe(status);
    if (field) expect(answer.json.error.field).toBe(field);
    expect(answer.json.error.message).toBeTruthy();
  });

  it("answers bad JSON 400, a wrong content type 415, a duplicate name 409", async () => {
    expect((await call(appliancesRoute.POST as Handler, { method: "POST", raw: "{nope" })).status).toBe(400);
    expect((await call(appliancesRoute.POST as Handler, { method: "POST", raw: "name=x", type: "text/plain" })).status).toBe(415);
    const duplicate = await create(valid("zvm-ams-01"));
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.field).toBe("name");
  });

  it("answers 401 to an unknown caller and 403 to a known one without the role", async () => {
    expect((await create(valid("nobody"), "ll_not-a-token")).status).toBe(401);
    expect((await call(appliancesRoute.GET as Handler, { token: null })).status).toBe(401);
    expect((await create(valid("viewer-try"), tokens.viewer)).status).toBe(403);
    expect((await create(valid("operator-try"), tokens.operator)).status).toBe(403);
  });

  it("lists with filters and cursor paging", async () => {
    for (let i = 0; i < 5; i += 1) {
      expect((await create(valid(`page-${i}`, { tags: { tenant: i % 2 ? "odd" : "even" } }))).status).toBe(201);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { status, json } = await call(appliancesRoute.GET as Handler, {
        path: `/api/v1/appliances?q=page-&limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        token: tokens.viewer,
      });
      expect(status).toBe(200);
      expect(json.items.length).toBeLessThanOrEqual(2);
      seen.push(...json.items.map((item: { name: string }) => item.name));
      cursor = json.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(["page-0", "page-1", "page-2", "page-3", "page-4"]);
    const odd = await call(appliancesRoute.GET as Handler, { path: "/api/v1/appliances?tenant=odd", token: tokens.viewer });
    expect(odd.json.items.map((item: { name: string }) => item.name)).toEqual(["page-1", "page-3"]);
    const unknown = await call(appliancesRoute.GET as Handler, { path: "/api/v1/appliances?status=unknown&limit=500", token: tokens.viewer });
    expect(unknown.json.items.length).toBe(6);
    const bad = await call(appliancesRoute.GET as Handler, { path: "/api/v1/appliances?status=purple", token: tokens.viewer });
    expect(bad.status).toBe(422);
    expect(bad.json.error.field).toBe("status.0");
    expect((await call(appliancesRoute.GET as Handler, { path: "/api/v1/appliances?cursor=garbage", token: tokens.viewer })).status).toBe(422);
  });

  it("edits and removes (admin only)", async () => {
    const { json: created } = await create(valid("to-edit"));
    const patched = await call(applianceRoute.PATCH as Handler, { method: "PATCH", params: { id: created.id }, body: { role: "test", tags: { tenant: "beta" } } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ role: "test", tags: { tenant: "beta" } });
    const sealedBefore = (await handle.db.prisma.appliance.findUniqueOrThrow({ where: { id: created.id } })).passwordSealed;
    await call(applianceRoute.PATCH as Handler, { method: "PATCH", params: { id: created.id }, body: { username: "other" } });
    expect((await handle.db.prisma.appliance.findUniqueOrThrow({ where: { id: created.id } })).passwordSealed).toBe(sealedBefore);
    expect((await call(applianceRoute.PATCH as Handler, { method: "PATCH", params: { id: created.id }, body: { role: "x" } })).status).toBe(422);
    expect((await call(applianceRoute.DELETE as Handler, { method: "DELETE", params: { id: created.id }, token: tokens.operator })).status).toBe(403);
    expect((await call(applianceRoute.DELETE as Handler, { method: "DELETE", params: { id: created.id } })).status).toBe(204);
    expect((await call(applianceRoute.GET as Handler, { params: { id: created.id } })).status).toBe(404);
  });

  it("polls now and asks for a test transmission (operator), without stacking requests", async () => {
    const { json: created } = await create(valid("to-test"));
    expect((await call(pollRoute.POST as Handler, { method: "POST", params: { id: created.id }, token: tokens.viewer })).status).toBe(403);
    const poll = await call(pollRoute.POST as Handler, { method: "POST", params: { id: created.id }, token: tokens.operator });
    expect(poll.status).toBe(202);
    const first = await call(testsRoute.POST as Handler, { method: "POST", params: { id: created.id }, token: tokens.operator });
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ status: "pending", requestedBy: "token:api-operator" });
    const second = await call(testsRoute.POST as Handler, { method: "POST", params: { id: created.id }, token: tokens.operator });
    expect(second.status).toBe(200);
    expect(second.json.id).toBe(first.json.id);
    const read = await call(transmissionRoute.GET as Handler, { params: { id: first.json.id }, token: tokens.viewer });
    expect(read.json.status).toBe("pending");
    expect((await call(transmissionRoute.GET as Handler, { params: { id: "nope" }, token: tokens.viewer })).status).toBe(422);
  });

  it("summarises the fleet", async () => {
    const { status, json } = await call(summaryRoute.GET as Handler, { token: tokens.viewer });
    expect(status).toBe(200);
    expect(json.total).toBe(await handle.db.prisma.appliance.count());
    expect(json.byStatus.unknown).toBe(json.total);
    expect(json.nextDisconnect).toBeNull();
  });

  it("validates settings changes and keeps them", async () => {
    expect((await call(settingsRoute.PATCH as Handler, { method: "PATCH", body: { pollIntervalSeconds: 60 }, token: tokens.operator })).status).toBe(403);
    const bad = await call(settingsRoute.PATCH as Handler, { method: "PATCH", body: { alertPatterns: { billingHelpIdentifiers: [], billingDescriptionPatterns: ["/(unclosed/"], disconnectionHelpIdentifiers: [], disconnectionDescriptionPatterns: [] } } });
    expect(bad.status).toBe(422);
    expect(bad.json.error.field).toMatch(/^alertPatterns/);
    expect((await call(settingsRoute.PATCH as Handler, { method: "PATCH", body: { criticalDays: 20 } })).status).toBe(422);
    const good = await call(settingsRoute.PATCH as Handler, { method: "PATCH", body: { pollIntervalSeconds: 60, billingEndpoints: { old: ["autologs.zerto.com:443"], new: ["billing.example.net:443"] } } });
    expect(good.status).toBe(200);
    const read = await call(settingsRoute.GET as Handler, { token: tokens.viewer });
    expect(read.json).toMatchObject({ pollIntervalSeconds: 60, graceDays: 15, billingEndpoints: { new: ["billing.example.net:443"] } });
  });

  it("serves its OpenAPI document", async () => {
    const response = openapiRoute.GET();
    const document = await response.json();
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(["/api/v1/appliances", "/api/v1/appliances/{id}", "/api/v1/appliances/{id}/test-transmissions", "/api/v1/fleet/summary"]),
    );
  });
});
