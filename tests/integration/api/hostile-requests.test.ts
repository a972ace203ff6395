import crypto from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerAppliance } from "@/lib/appliances/register-appliance";
import { createChannel } from "@/lib/channels/create-channel";
import { setDb } from "@/lib/db";
import { ROUTES, type RouteSpec } from "@/lib/http/route-table";
import { updateAlertingSettings } from "@/lib/alerts/update-alerting-settings";
import { requestTestTransmission } from "@/lib/test-transmissions/request-test-transmission";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { testAdmin, testOperator } from "../helpers/worker-context";
import { routeModule, startEdgeServer, type EdgeServer, type RouteHandler } from "./edge-server";

// Every API route, every method it takes, called with what a hostile or broken
// client sends: paths that do not decode, NUL and lone surrogates in ids,
// queries and JSON strings, bodies of the wrong shape, unknown methods. Through
// both ways the production server serves a request: the route handler as
// Next.js calls it, and over a socket through the server's edge (and the
// collector listener for the collector routes). No answer may be a 5xx.

interface Case {
  name: string;
  route: RouteSpec;
  method: string;
  /** Raw path segments for the route's parameters, %-encoded as sent. */
  rawParams: Record<string, string>;
  query?: string;
  body?: string;
  type?: string | null;
  token: "admin" | "collector" | null;
}

const BODY_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);
const COLLECTOR_ROUTES = new Set(["/api/v1/heartbeats", "/api/v1/test-transmissions/[id]/result"]);

/** Raw %-encoded parameter values: broken escapes, encoded surrogates, NUL, controls, odd lengths. */
const HOSTILE_SEGMENTS = ["%ZZ", "%ED%A0%80", "%E0%A4%A", "%C0%AF", "%FF", "%", "%00", "a%00b", "%0D%0A", "%1B%5B31m", "..", "%2E%2E%2F%2E%2E", "x".repeat(3_000), "%F0%9F%98%80", "00000000-0000-0000-0000-000000000000"];

const HOSTILE_QUERIES = [
  "q=%00",
  "q=%ZZ",
  "q=%ED%A0%80",
  "q=a%00b&status=warning",
  "status=%00",
  "status=ok,%00",
  "tenant=%00",
  "region=%0D%0A",
  "cursor=%00",
  "cursor=eyJ9",
  "limit=%00",
  "limit=1e309",
  "limit=-1",
  "days=%00",
  "days=NaN",
  "table=%00",
  "format=%00",
  "range=%ED%A0%80",
  "%00=1",
  "%ZZ=1",
  `q=${"a".repeat(20_000)}`,
  "q=%F0%9F%98%80",
];

const FIELDS = ["name", "q", "reason", "detail", "status", "tenant", "region", "url", "username", "password", "result", "at", "applianceId", "kind", "role", "mode", "type", "condition", "tag", "endsAt", "routingKey", "host", "from", "all"];

function hostileBodies(): { name: string; body: string; type?: string | null }[] {
  const bodies: { name: string; body: string; type?: string | null }[] = [];
  for (const literal of ["null", "true", "false", "0", "-1", "[]", '"text"', "{}", "[{}]"]) bodies.push({ name: `body ${literal}`, body: literal });
  for (const field of FIELDS) {
    bodies.push({ name: `${field} with NUL`, body: `{"${field}": "a\\u0000b"}` });
    bodies.push({ name: `${field} lone surrogate`, body: `{"${field}": "\\ud800"}` });
    bodies.push({ name: `${field} NUL in a list`, body: `{"${field}": ["\\u0000"]}` });
  }
  bodies.push({ name: "tags with NUL", body: '{"tags": {"labels": ["ok", "x\\u0000"], "tenant": "acme"}}' });
  bodies.push({ name: "tags with CR/LF", body: '{"tags": {"tenant": "acme\\r\\nX-Injected: 1"}}' });
  bodies.push({ name: "tags with a lone surrogate", body: '{"tags": {"region": "\\udfff"}}' });
  bodies.push({ name: "a key with NUL", body: '{"\\u0000": 1}' });
  bodies.push({ name: "a key with a lone surrogate", body: '{"\\ud800x": 1}' });
  bodies.push({ name: "unknown fields", body: '{"__proto__": {"admin": true}, "constructor": 1, "zzz": 2}' });
  bodies.push({ name: "heartbeats with NUL", body: `{"heartbeats": [{"applianceId": "${crypto.randomUUID()}", "observedAt": "2026-01-01T00:00:00Z", "siteName": "\\u0000"}]}` });
  bodies.push({ name: "deep nesting", body: `${"[".repeat(20_000)}${"]".repeat(20_000)}` });
  bodies.push({ name: "deep nesting with NUL", body: `${'{"a":'.repeat(5_000)}"\\u0000"${"}".repeat(5_000)}` });
  bodies.push({ name: "not JSON", body: "{not json" });
  bodies.push({ name: "empty", body: "" });
  bodies.push({ name: "text/plain", body: '{"name": "x"}', type: "text/plain" });
  bodies.push({ name: "form encoded", body: "name=x", type: "application/x-www-form-urlencoded" });
  bodies.push({ name: "no content type", body: '{"name": "x"}', type: null });
  bodies.push({ name: "2 MiB", body: JSON.stringify({ name: "x".repeat(2 * 1024 * 1024) }) });
  return bodies;
}

function paramNames(route: RouteSpec): string[] {
  return [...route.path.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((match) => match[1]);
}

function buildCases(valid: Record<string, string>): Case[] {
  const cases: Case[] = [];
  const bodies = hostileBodies();
  for (const route of ROUTES.filter((spec) => spec.path.startsWith("/api/v1/"))) {
    const names = paramNames(route);
    const token = COLLECTOR_ROUTES.has(route.path) ? "collector" : "admin";
    const goodParams = Object.fromEntries(names.map((name) => [name, valid[`${route.path}:${name}`] ?? valid[name] ?? crypto.randomUUID()]));
    for (const method of route.methods) {
      for (const name of names) {
        for (const segment of HOSTILE_SEGMENTS) {
          cases.push({ name: `${name}=${segment.slice(0, 30)}`, route, method, rawParams: { ...goodParams, [name]: segment }, token, body: BODY_METHODS.has(method) ? "{}" : undefined });
        }
      }
      for (const query of HOSTILE_QUERIES) cases.push({ name: `?${query.slice(0, 40)}`, route, method, rawParams: goodParams, query, token });
      if (BODY_METHODS.has(method)) {
        for (const body of bodies) cases.push({ name: body.name, route, method, rawParams: goodParams, body: body.body, type: body.type, token });
      }
      cases.push({ name: "no token", route, method, rawParams: goodParams, token: null, body: BODY_METHODS.has(method) ? '{"name": "\\u0000"}' : undefined });
    }
  }
  return cases;
}

function pathOf(route: RouteSpec, rawParams: Record<string, string>): string {
  return route.path.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => rawParams[name]);
}

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw; // as a lenient router might hand it over
  }
}

describe.each(testDbKinds())("hostile requests at every API route (%s)", (kind) => {
  let handle: TestDb;
  let edge: EdgeServer;
  const tokens: Record<string, string> = {};
  let cases: Case[] = [];

  beforeAll(async () => {
    handle = await createTestDb(kind);
    setDb(handle.db);
    tokens.admin = (await createApiToken(handle.db, testAdmin, { name: "hostile-admin", role: "admin" })).token;
    tokens.collector = (await createApiToken(handle.db, testAdmin, { name: "hostile-collector", role: "collector", scope: { tags: ["region:hostile"] } })).token;
    const appliance = await registerAppliance(handle.db, testAdmin, {
      name: "hostile-target",
      kind: "zvm",
      role: "production",
      mode: "reporting",
      url: "https://zvm.example.net:9669",
      tags: { region: "hostile" },
    });
    const { transmission } = await requestTestTransmission(handle.db, testOperator, appliance.id);
    // A channel whose receiver is a closed loopback port: "send test" fails fast and harmlessly.
    await updateAlertingSettings(handle.db, testAdmin, { allowedTargets: ["127.0.0.1"] });
    const { channel } = await createChannel(handle.db, testAdmin, { type: "webhook", name: "hostile-channel", url: "http://127.0.0.1:9/hook" });
    cases = buildCases({
      "/api/v1/appliances/[id]:id": appliance.id,
      "/api/v1/appliances/[id]/poll:id": appliance.id,
      "/api/v1/appliances/[id]/retrust-certificate:id": appliance.id,
      "/api/v1/appliances/[id]/test-transmissions:id": appliance.id,
      "/api/v1/channels/[id]:id": channel.id,
      "/api/v1/channels/[id]/test:id": channel.id,
      "/api/v1/test-transmissions/[id]:id": transmission.id,
      "/api/v1/test-transmissions/[id]/result:id": transmission.id,
      bulkId: crypto.randomUUID(),
    });
    edge = await startEdgeServer(handle.db);
  }, 120_000);

  afterAll(async () => {
    await edge?.close();
    setDb(null);
    await handle?.drop();
  });

  function headersOf(item: Case): Record<string, string> {
    const headers: Record<string, string> = {};
    if (item.token) headers.authorization = `Bearer ${tokens[item.token]}`;
    if (item.body !== undefined && item.type !== null) headers["content-type"] = item.type ?? "application/json";
    return headers;
  }

  it("answers every case through the route handlers with a 4xx or a success, never a 5xx", async () => {
    expect(cases.length).toBeGreaterThan(1_500);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const item of cases) {
      const handler = (await routeModule(item.route.path))[item.method] as RouteHandler;
      const target = `${pathOf(item.route, item.rawParams)}${item.query ? `?${item.query}` : ""}`;
      const params = Object.fromEntries(Object.entries(item.rawParams).map(([name, raw]) => [name, decoded(raw)]));
      const response = await handler(
        new Request(`http://lifeline.test${target}`, { method: item.method, headers: headersOf(item), body: item.body }),
        { params: Promise.resolve(params) },
      );
      // The event stream never ends by itself: its status is the answer.
      const text = response.headers.get("content-type")?.startsWith("text/event-stream") ? (await response.body?.cancel(), "") : await response.text();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status >= 500) failures.push(`${item.method} ${item.route.path} ${item.name}: ${response.status} ${text.slice(0, 200)}`);
    }
    console.info(`route handlers, ${kind}: ${cases.length} hostile requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures).toEqual([]);
  }, 600_000);

  it("answers every case, and unknown methods, over a socket through the edge with a 4xx or a success, never a 5xx", async () => {
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const send = async (method: string, target: string, item: Case | null, body?: string, headers: Record<string, string> = {}) => {
      const answer = await edge.raw(method, target, { headers, body });
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      // /readyz says 503 when no worker is alive (none runs in this test): that is its answer, not a failure.
      const readiness = target.startsWith("/readyz") && answer.status === 503;
      if (!(answer.status >= 100 && answer.status < 500) && !readiness) failures.push(`${method} ${target.slice(0, 80)} ${item?.name ?? ""}: ${answer.status} ${answer.body.slice(0, 200)}`);
      return answer;
    };
    for (const item of cases) {
      const target = `${pathOf(item.route, item.rawParams)}${item.query ? `?${item.query}` : ""}`;
      await send(item.method, target, item, item.body, headersOf(item));
    }
    let count = cases.length;
    for (const route of ROUTES) {
      const target = pathOf(route, Object.fromEntries(paramNames(route).map((name) => [name, crypto.randomUUID()])));
      for (const method of ["TRACE", "TRACK", "PROPFIND", "CONNECT", "BREW", "PUT", "PATCH", "DELETE", "GET", "HEAD", "OPTIONS"]) {
        if (route.methods.includes(method as never)) continue;
        const answer = await send(method, target, null, undefined, { authorization: `Bearer ${tokens.admin}` });
        count += 1;
        if (!http.METHODS.includes(method)) {
          // Node's HTTP parser does not know it, and answers 400 before any of Lifeline's code runs.
          expect(answer.status, `${method} ${route.path}`).toBe(400);
        } else if (method !== "OPTIONS" && !(method === "HEAD" && route.methods.includes("GET"))) {
          expect([answer.status, answer.headers.allow?.length > 0], `${method} ${route.path}`).toEqual([405, true]);
        }
      }
    }
    for (const target of ["/api/v1/nothing", "/api/v1/%ZZ", "/%ZZ", "/%00", "/appliances/%ED%A0%80", "/?q=%00"]) {
      await send("GET", target, null);
      await send("TRACE", target, null);
      count += 2;
    }
    console.info(`edge, ${kind}: ${count} hostile requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures).toEqual([]);
  }, 600_000);
});
