import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as applianceRoute from "@/app/api/v1/appliances/[id]/route";
import * as pollRoute from "@/app/api/v1/appliances/[id]/poll/route";
import * as testsRoute from "@/app/api/v1/appliances/[id]/test-transmissions/route";
import * as appliancesRoute from "@/app/api/v1/appliances/route";
import * as channelRoute from "@/app/api/v1/channels/[id]/route";
import * as channelsRoute from "@/app/api/v1/channels/route";
import * as settingsRoute from "@/app/api/v1/settings/route";
import * as silencesRoute from "@/app/api/v1/silences/route";
import * as bulkRoute from "@/app/api/v1/test-transmissions/bulk/route";
import { registerAppliance } from "@/lib/appliances/register-appliance";
import { createChannel } from "@/lib/channels/create-channel";
import { setDb } from "@/lib/db";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { testAdmin } from "../helpers/worker-context";

// Bodies and callers the API must refuse, and must refuse before it looks
// anything up: settings and bulk bodies of the wrong shape, names and tags
// with control characters, cross-site requests riding on the session cookie,
// channel targets that are private addresses in IPv6 clothing.

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

interface CallOptions {
  method?: string;
  token?: string | null;
  raw?: string;
  body?: unknown;
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

describe.each(testDbKinds())("what the API refuses (%s)", (kind) => {
  let handle: TestDb;
  const tokens: Record<string, string> = {};
  let applianceId: string;

  async function call(handler: Handler, options: CallOptions = {}) {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? tokens.admin : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.raw !== undefined || options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = options.raw ?? JSON.stringify(options.body);
    }
    const response = await handler(new Request("http://lifeline.example.net/api/v1/x", { method: options.method ?? "GET", headers, body }), {
      params: Promise.resolve(options.params ?? {}),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  }

  beforeAll(async () => {
    handle = await createTestDb(kind);
    setDb(handle.db);
    for (const role of ["viewer", "operator", "admin"] as const) {
      tokens[role] = (await createApiToken(handle.db, testAdmin, { name: `refusals-${role}`, role })).token;
    }
    applianceId = (
      await registerAppliance(handle.db, testAdmin, { name: "refusals-target", kind: "zvm", role: "production", mode: "reporting", url: "https://zvm.example.net:9669" })
    ).id;
  });

  afterAll(async () => {
    setDb(null);
    await handle?.drop();
  });

  it.each(["null", "true", "0", "[]", '"x"', "{}", '{"pollIntervalSeconds": 300, "colour": "red"}', '{"__proto__": {"x": 1}}'])(
    "refuses the settings body %s and writes no audit row",
    async (raw) => {
      const before = await handle.db.prisma.auditLog.count({ where: { action: "settings.update" } });
      const answer = await call(settingsRoute.PATCH as Handler, { method: "PATCH", raw });
      expect(answer.status).toBe(422);
      expect(answer.json.error.message.length).toBeGreaterThan(10);
      expect(await handle.db.prisma.auditLog.count({ where: { action: "settings.update" } })).toBe(before);
    },
  );

  it("refuses settings whose poll lease cannot keep a dead worker's appliances fresh, and says why", async () => {
    const refused = await call(settingsRoute.PATCH as Handler, { method: "PATCH", body: { pollIntervalSeconds: 60, pollTimeoutSeconds: 30 } });
    expect(refused.status).toBe(422);
    expect(refused.json.error.field).toBe("pollTimeoutSeconds");
    expect(refused.json.error.message).toMatch(/without data for up to 193 s .* stale/);
    const taken = await call(settingsRoute.PATCH as Handler, { method: "PATCH", body: { pollIntervalSeconds: 60, pollTimeoutSeconds: 20 } });
    expect([taken.status, taken.json.pollIntervalSeconds]).toEqual([200, 60]);
  });

  it.each([
    { raw: "null", field: undefined },
    { raw: "{}", field: undefined },
    { raw: '{"colour": "red"}', field: undefined },
    { raw: '{"status": "warning", "all": true}', field: "all" },
    { raw: '{"all": false}', field: "all" },
    { raw: '{"all": "yes"}', field: "all" },
    { raw: "[]", field: undefined },
  ])("refuses the bulk test body $raw and queues nothing", async ({ raw, field }) => {
    const answer = await call(bulkRoute.POST as Handler, { method: "POST", raw, token: tokens.operator });
    expect(answer.status).toBe(422);
    if (field) expect(answer.json.error.field).toBe(field);
    expect(await handle.db.prisma.testTransmission.count()).toBe(0);
  });

  it("queues a bulk test for the whole fleet only when told all: true", async () => {
    const answer = await call(bulkRoute.POST as Handler, { method: "POST", body: { all: true }, token: tokens.operator });
    expect(answer.status).toBe(202);
    expect(answer.json).toMatchObject({ matched: 1, created: 1 });
    await handle.db.prisma.testTransmission.deleteMany();
  });

  it.each([
    { body: { tags: { tenant: "acme\r\nX-Injected: 1" } }, field: "tags.tenant" },
    { body: { tags: { labels: ["ok", "line\nbreak"] } }, field: "tags.labels.1" },
    { body: { tags: { region: "tab\there" } }, field: "tags.region" },
    { body: { tags: { vcenter: "del\u007f" } }, field: "tags.vcenter" },
    { body: { name: "zvm\u001b[31m" }, field: "name" },
  ])("refuses control characters in $field", async ({ body, field }) => {
    const answer = await call(applianceRoute.PATCH as Handler, { method: "PATCH", body, params: { id: applianceId } });
    expect([answer.status, answer.json.error.field]).toEqual([422, field]);
  });

  it("refuses control characters in silence reasons", async () => {
    const answer = await call(silencesRoute.POST as Handler, {
      method: "POST",
      token: tokens.operator,
      body: { applianceId, durationMinutes: 60, reason: "maintenance\r\nsecond line" },
    });
    expect([answer.status, answer.json.error.field]).toEqual([422, "reason"]);
  });

  it("checks who is asking before looking an appliance up", async () => {
    const unknown = crypto.randomUUID();
    for (const id of [unknown, applianceId, "no-such-name"]) {
      const answer = await call(testsRoute.GET as Handler, { token: null, params: { id } });
      expect([answer.status, answer.json.error.code]).toEqual([401, "unauthorized"]);
      expect(JSON.stringify(answer.json)).not.toContain(id);
    }
    expect((await call(testsRoute.GET as Handler, { token: tokens.viewer, params: { id: unknown } })).status).toBe(404);
    expect((await call(testsRoute.GET as Handler, { token: tokens.viewer, params: { id: applianceId } })).status).toBe(200);
  });

  it("refuses cookie-authenticated mutations from another site before any lookup; bearer tokens are not affected", async () => {
    const crossSite = { cookie: "next-auth.session-token=stolen", origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    for (const [handler, method, params] of [
      [pollRoute.POST, "POST", { id: applianceId }],
      [applianceRoute.DELETE, "DELETE", { id: applianceId }],
      [appliancesRoute.POST, "POST", {}],
      [settingsRoute.PATCH, "PATCH", {}],
    ] as const) {
      const answer = await call(handler as Handler, { method, token: null, params, headers: crossSite, raw: "{}" });
      expect([answer.status, answer.json.error.code]).toEqual([403, "cross_site"]);
    }
    const textPlain = await call(pollRoute.POST as Handler, { method: "POST", token: null, params: { id: applianceId }, headers: { cookie: "x=1", origin: "null" } });
    expect(textPlain.status).toBe(403);
    expect(await handle.db.prisma.appliance.count({ where: { id: applianceId } })).toBe(1);
    const withToken = await call(pollRoute.POST as Handler, { method: "POST", token: tokens.operator, params: { id: applianceId }, headers: crossSite });
    // Past the cross-site check: the appliance reports through a collector, which is what the answer says.
    expect([withToken.status, withToken.json.error.code]).toEqual([409, "invalid_state"]);
  });

  describe("channel targets that embed a private IPv4 address in IPv6", () => {
    const TARGETS = ["http://[::127.0.0.1]/hook", "http://[64:ff9b::7f00:1]/hook", "http://[2002:7f00:1::1]/hook", "http://[::ffff:10.0.0.1]/hook", "http://[64:ff9b:1::a9fe:a9fe]/hook", "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook"];

    it.each(TARGETS.flatMap((url) => (["webhook", "slack", "teams", "pagerduty"] as const).map((type) => ({ url, type }))))(
      "refuses $url for a $type channel, on create and on update",
      async ({ url, type }) => {
        const field = type === "pagerduty" ? "endpoint" : "url";
        const name = `ssrf-${type}-${crypto.randomUUID().slice(0, 8)}`;
        const create = await call(channelsRoute.POST as Handler, {
          method: "POST",
          body: { type, name, [field]: url, ...(type === "pagerduty" ? { routingKey: "R0123456789" } : {}) },
        });
        expect([create.status, create.json.error.field]).toEqual([422, field]);
        expect(create.json.error.message).toMatch(/refused: .* is a (loopback|private|link-local) address \(it stands for /);
        expect(await handle.db.prisma.alertChannel.count({ where: { name } })).toBe(0);

        const { channel } = await createChannel(handle.db, testAdmin, {
          type,
          name,
          // A public address literal: saved without a DNS lookup, never called here.
          [field]: type === "pagerduty" ? "https://8.8.8.8/v2/enqueue" : "https://8.8.8.8/x",
          ...(type === "pagerduty" ? { routingKey: "R0123456789" } : {}),
        } as never);
        const update = await call(channelRoute.PATCH as Handler, { method: "PATCH", params: { id: channel.id }, body: { [field]: url } });
        expect([update.status, update.json.error.field]).toEqual([422, field]);
        const stored = await handle.db.prisma.alertChannel.findUniqueOrThrow({ where: { id: channel.id } });
        expect(stored.targetHint).not.toContain(url.slice(8, 20));
        await handle.db.prisma.alertChannel.delete({ where: { id: channel.id } });
      },
    );
  });
});
