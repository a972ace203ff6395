import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as heartbeatsRoute from "@/app/api/v1/heartbeats/route";
import { setDb } from "@/lib/db";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { reportingTarget } from "./reporting-target";
import { callRoute, startListener, type CallOptions, type Handler, type ListenerServer } from "./route-call";

const ingest = heartbeatsRoute.POST as unknown as Handler;

interface Case {
  name: string;
  body?: unknown;
  raw?: string;
  type?: string | null;
}

const nested = (depth: number, leaf: unknown = 1): unknown => {
  let value = leaf;
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
};

const WRONG_VALUES: [string, unknown][] = [
  ["number", 42],
  ["negative", -1],
  ["huge number", 1e308],
  ["true", true],
  ["false", false],
  ["null", null],
  ["empty list", []],
  ["list", ["2026-11-22T12:00:00Z"]],
  ["empty object", {}],
  ["object", { value: "x" }],
  ["empty string", ""],
  ["blank", "   "],
  ["word", "banana"],
  ["100 kB string", "x".repeat(100_000)],
  ["control characters", "a\u0000b\u001bc"],
  ["NaN text", "NaN"],
  ["deep object", nested(2_000)],
  ["deep list", nested(2_001)],
];

const BAD_DATES = [
  "yesterday",
  "2026-02-30T00:00:00Z",
  "2026-13-01T00:00:00Z",
  "2026-11-22",
  "2026-11-22T25:00:00Z",
  "0000-00-00T00:00:00Z",
  "2026-11-22T12:00:00",
  "+275760-09-13T00:00:00Z",
  "1970-01-01T00:00:00Z",
  "9999-12-31T23:59:59Z",
  "2999-01-01T00:00:00Z",
  "2026-11-22T12:00:00Z".repeat(3),
];

/** Free-text fields take any short string, so only the other wrong values apply to them. */
const FREE_TEXT = new Set(["version", "licenseType", "siteName"]);
const ANY_STRING = new Set(["word", "NaN text"]);

const FIELDS = [
  "applianceId",
  "observedAt",
  "version",
  "licenseType",
  "siteName",
  "billingAlert",
  "billingAlert.active",
  "billingAlert.turnedOn",
  "disconnectionAlert",
  "disconnectionAlert.active",
  "lastSend",
  "lastSend.result",
  "lastSend.at",
  "zvmClockUtc",
  "newEndpointReachability",
];
const DATE_FIELDS = ["observedAt", "billingAlert.turnedOn", "disconnectionAlert.turnedOn", "lastSend.at", "zvmClockUtc"];

function withValue(base: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  const keys = path.split(".");
  let target = copy;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys[keys.length - 1]] = value;
  return copy;
}

function hostileCases(valid: Record<string, unknown>): Case[] {
  const cases: Case[] = [];
  const unknownAppliance = { ...valid, applianceId: crypto.randomUUID() };
  const bodyForms = (name: string, item: unknown) => {
    cases.push({ name, body: item });
    cases.push({ name: `${name} (in a batch)`, body: { heartbeats: [item] } });
    cases.push({ name: `${name} (in a batch of bad items)`, body: { heartbeats: [unknownAppliance, item, "x"] } });
  };
  for (const field of FIELDS) {
    for (const [label, value] of WRONG_VALUES) {
      // Skip the values that are right for this field.
      if (FREE_TEXT.has(field) && ANY_STRING.has(label)) continue;
      if (field.endsWith(".active") && typeof value === "boolean") continue;
      if (field.endsWith(".turnedOn") && value === null) continue;
      bodyForms(`${field} = ${label}`, withValue(valid, field, value));
    }
  }
  for (const field of DATE_FIELDS) {
    for (const date of BAD_DATES) bodyForms(`${field} = ${date.slice(0, 30)}`, withValue(valid, field, date));
  }
  const future = new Date(Date.now() + 3 * 365 * 86_400_000).toISOString();
  for (const field of DATE_FIELDS) bodyForms(`${field} years ahead`, withValue(valid, field, future));
  for (const key of ["extra", "__proto__", "constructor", "prototype", "heartbeat", "applianceID"]) {
    bodyForms(`unknown field ${key}`, { ...structuredClone(valid), [key]: { polluted: true } });
  }
  for (const key of Object.keys(valid)) {
    if (key === "applianceId" || key === "observedAt") {
      const { [key]: _, ...rest } = valid;
      bodyForms(`missing ${key}`, rest);
    }
  }
  bodyForms("unknown appliance", { ...valid, applianceId: crypto.randomUUID() });
  bodyForms("nil uuid", { ...valid, applianceId: "00000000-0000-0000-0000-000000000000" });
  bodyForms("uuid with spaces", { ...valid, applianceId: ` ${valid.applianceId as string} ` });

  for (const [label, value] of WRONG_VALUES) {
    if (label !== "empty list") cases.push({ name: `heartbeats = ${label}`, body: { heartbeats: value } });
  }
  for (const [label, value] of WRONG_VALUES) cases.push({ name: `body = ${label}`, body: value });
  for (const size of [501, 1_000, 10_000]) {
    cases.push({ name: `batch of ${size}`, body: { heartbeats: Array.from({ length: size }, () => valid) } });
  }
  cases.push({ name: "500 bad items", body: { heartbeats: Array.from({ length: 500 }, (_, i) => ({ ...valid, observedAt: `bad-${i}` })) } });
  cases.push({ name: "envelope with an extra key", body: { heartbeats: [valid], token: "x" } });
  cases.push({ name: "top-level list", body: [valid] });

  const rawJson = [
    "",
    "{",
    "}",
    "{'applianceId': 1}",
    "[1,]",
    "nul",
    "NaN",
    "{} trailing",
    "\u0000",
    "\ufeff{}",
    `{"heartbeats": [${"[".repeat(50_000)}`,
    "[".repeat(100_000) + "]".repeat(100_000),
    `{"a": ${"{\"a\": ".repeat(10_000)}1${"}".repeat(10_000)}}`,
    '{"applianceId": "\\ud800"}',
  ];
  for (const raw of rawJson) cases.push({ name: `bad JSON ${JSON.stringify(raw.slice(0, 20))}`, raw });
  for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "text/json", null]) {
    cases.push({ name: `content type ${type}`, raw: JSON.stringify(valid), type });
  }
  cases.push({ name: "body over 1 MiB", raw: JSON.stringify({ heartbeats: [{ ...valid, siteName: "x".repeat(1_100_000) }] }) });
  cases.push({ name: "over 1 MiB of whitespace", raw: `${" ".repeat(1_100_000)}{}` });
  return cases;
}

const transports = ["route handler", "collector listener"] as const;
const combinations = testDbKinds().flatMap((kind) => transports.map((transport) => [kind, transport] as const));

describe.each(combinations)("hostile input at the heartbeat route (%s, %s)", (kind, transport) => {
  let handle: TestDb;
  let token: string;
  let applianceId: string;
  let listener: ListenerServer | null = null;
  const call = (options: CallOptions) =>
    listener ? listener.call("/api/v1/heartbeats", options) : callRoute(ingest, options);

  beforeAll(async () => {
    if (transport === "collector listener") listener = await startListener();
    handle = await createTestDb(kind);
    setDb(handle.db);
    ({ applianceId, token } = await reportingTarget(handle.db, "target"));
  });

  afterAll(async () => {
    await listener?.close();
    setDb(null);
    await handle?.drop();
  });

  it("answers every malformed body with a 4xx and a clear message, and stores nothing", async () => {
    const valid = {
      applianceId,
      observedAt: new Date(Date.now() - 1_000).toISOString(),
      version: "9.7.10",
      licenseType: "Cloud",
      siteName: "AMS",
      billingAlert: { active: true, turnedOn: "2026-01-01T00:00:00Z" },
      disconnectionAlert: { active: false, turnedOn: null },
      lastSend: { result: "passed", at: "2026-01-01T00:00:00Z" },
      zvmClockUtc: new Date().toISOString(),
      newEndpointReachability: "reachable",
    };
    const cases = hostileCases(valid);
    expect(cases.length).toBeGreaterThanOrEqual(1_000);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const hostile of cases) {
      const { status, json } = await call({ token, body: hostile.body, raw: hostile.raw, type: hostile.type });
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const message: unknown = json?.error?.message;
      const clear = typeof message === "string" && message.length >= 10 && !/something went wrong|\n\s+at /i.test(message);
      if (status < 400 || status > 499 || !clear) failures.push(`${hostile.name}: ${status} ${JSON.stringify(json).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    // 403: an appliance id the token may not report for, unknown ones included.
    expect([...statuses.keys()].filter((status) => ![400, 403, 413, 415, 422].includes(status))).toEqual([]);
    expect(await handle.db.prisma.heartbeat.count()).toBe(0);
    const appliance = await handle.db.prisma.appliance.findUniqueOrThrow({ where: { id: applianceId } });
    expect(appliance).toMatchObject({ lastDataAt: null, version: null, siteName: null, billingAlertActive: null, lastSuccessfulSendAt: null, billingStatus: "unknown" });
    // The valid heartbeat itself is taken: the cases failed for what was wrong with them.
    expect((await call({ token, body: valid })).json).toMatchObject({ accepted: 1 });
  });
});
