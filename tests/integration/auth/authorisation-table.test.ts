import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import type { Actor, TokenRole } from "@/lib/auth/roles";
import { setDb, type Database } from "@/lib/db";
import { ROUTES } from "@/lib/http/route-table";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { addUser } from "@/lib/users/add-user";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { testAdmin } from "../helpers/worker-context";

// Every /api/v1 route and every server action, called by no caller, a viewer,
// an operator, a collector and an admin: each answers 401, 403 or lets the
// caller through exactly as the table below says. Routes come from the file
// tree (app/api/v1/**/route.ts and the methods each exports) and from the
// OpenAPI document; actions from app/**/actions.ts. One that is not in the
// table fails the test, so a new route or action cannot skip its check.
// Ids are names that do not exist: a refused caller must hear 401/403, never
// "not found", and an allowed one gets past the check to a 404 or 422.

type Caller = "none" | "viewer" | "operator" | "collector" | "admin";
type Outcome = "unauthorised" | "forbidden" | "allowed";
/** Who may call: anyone, anyone signed in, a role up the viewer < operator < admin ladder, collectors only, or nobody once set up. */
type Need = "public" | "signed-in" | "viewer" | "operator" | "admin" | "collector" | "first-run";

const CALLERS: readonly Caller[] = ["none", "viewer", "operator", "collector", "admin"];
const MISSING = "no-such-thing";

const ROUTE_NEEDS: Record<string, Need> = {
  "GET /api/v1/alert-catalog": "viewer",
  "PATCH /api/v1/alert-catalog": "admin",
  "GET /api/v1/alerts": "viewer",
  "GET /api/v1/alerts/[id]": "viewer",
  "POST /api/v1/alerts/[id]/acknowledge": "operator",
  "GET /api/v1/appliances": "viewer",
  "POST /api/v1/appliances": "admin",
  "GET /api/v1/appliances/[id]": "viewer",
  "PATCH /api/v1/appliances/[id]": "admin",
  "DELETE /api/v1/appliances/[id]": "admin",
  "POST /api/v1/appliances/[id]/capture": "admin",
  "POST /api/v1/appliances/[id]/poll": "operator",
  "POST /api/v1/appliances/[id]/retrust-certificate": "admin",
  "GET /api/v1/appliances/[id]/test-transmissions": "viewer",
  "POST /api/v1/appliances/[id]/test-transmissions": "operator",
  "GET /api/v1/channels": "operator",
  "POST /api/v1/channels": "admin",
  "GET /api/v1/channels/[id]": "admin",
  "PATCH /api/v1/channels/[id]": "admin",
  "DELETE /api/v1/channels/[id]": "admin",
  "POST /api/v1/channels/[id]/test": "admin",
  "GET /api/v1/compliance": "viewer",
  "GET /api/v1/compliance/billing-day": "viewer",
  "POST /api/v1/compliance/billing-day/test-transmissions": "operator",
  "GET /api/v1/compliance/export": "viewer",
  "GET /api/v1/events": "viewer",
  "GET /api/v1/fleet/migration": "viewer",
  "GET /api/v1/fleet/summary": "viewer",
  "POST /api/v1/heartbeats": "collector",
  "GET /api/v1/me": "signed-in",
  "GET /api/v1/openapi.json": "public",
  "GET /api/v1/settings": "viewer",
  "PATCH /api/v1/settings": "admin",
  "GET /api/v1/silences": "viewer",
  "POST /api/v1/silences": "operator",
  "DELETE /api/v1/silences/[id]": "operator",
  "GET /api/v1/test-transmissions/[id]": "viewer",
  "POST /api/v1/test-transmissions/[id]/result": "collector",
  "POST /api/v1/test-transmissions/bulk": "operator",
  "GET /api/v1/test-transmissions/bulk/[bulkId]": "viewer",
  "GET /api/v1/tokens": "admin",
  "POST /api/v1/tokens": "admin",
  "DELETE /api/v1/tokens/[id]": "admin",
};

const ACTION_NEEDS: Record<string, Need> = {
  "app/(app)/admin/alert-catalog/actions.ts markAlertKindAction": "admin",
  "app/(app)/admin/appliances/actions.ts addApplianceAction": "admin",
  "app/(app)/admin/appliances/actions.ts importCsvAction": "admin",
  "app/(app)/admin/appliances/actions.ts removeApplianceAction": "admin",
  "app/(app)/admin/channels/actions.ts createChannelAction": "admin",
  "app/(app)/admin/channels/actions.ts updateChannelAction": "admin",
  "app/(app)/admin/channels/actions.ts testChannelAction": "admin",
  "app/(app)/admin/channels/actions.ts deleteChannelAction": "admin",
  "app/(app)/admin/channels/actions.ts alertingSettingsAction": "admin",
  "app/(app)/admin/channels/actions.ts maintenanceWindowAction": "operator",
  "app/(app)/admin/settings/actions.ts updateSettingsAction": "admin",
  "app/(app)/admin/tokens/actions.ts createTokenAction": "admin",
  "app/(app)/admin/tokens/actions.ts revokeTokenAction": "admin",
  "app/(app)/admin/users/actions.ts addUserAction": "admin",
  "app/(app)/admin/users/actions.ts updateUserAction": "admin",
  "app/(app)/admin/users/actions.ts resetPasswordAction": "admin",
  "app/(app)/admin/users/actions.ts deleteUserAction": "admin",
  "app/(app)/alerts/actions.ts acknowledgeAction": "operator",
  "app/(app)/alerts/actions.ts silenceApplianceAction": "operator",
  "app/(app)/alerts/actions.ts endSilenceAction": "operator",
  "app/(app)/alerts/actions.ts acknowledgeSelectedAction": "operator",
  "app/(app)/alerts/actions.ts silenceSelectedAction": "operator",
  "app/(app)/appliances/[id]/actions.ts pollNowAction": "operator",
  "app/(app)/appliances/[id]/actions.ts testTransmissionAction": "operator",
  "app/(app)/appliances/[id]/actions.ts retrustAction": "admin",
  "app/(app)/appliances/[id]/actions.ts updateApplianceAction": "admin",
  "app/(app)/appliances/actions.ts bulkTestAction": "operator",
  "app/(app)/compliance/actions.ts billingDayTestsAction": "operator",
  "app/setup/actions.ts createFirstAdminAction": "first-run",
};

const LADDER: Record<string, number> = { viewer: 1, operator: 2, admin: 3 };

function expected(need: Need, caller: Caller): Outcome | "closed" {
  if (need === "first-run") return "closed";
  if (need === "public") return "allowed";
  if (caller === "none") return "unauthorised";
  if (need === "signed-in") return "allowed";
  if (need === "collector" || caller === "collector") return need === caller ? "allowed" : "forbidden";
  return LADDER[caller] >= LADDER[need] ? "allowed" : "forbidden";
}

// --- what the tree and the contract hold ---------------------------------

const METHOD_EXPORT = /export\s+(?:const|async\s+function|function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g;

function filesNamed(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesNamed(full, name);
    return entry.name === name ? [full] : [];
  });
}

function routePathOf(file: string): string {
  return `/${path.relative("app", path.dirname(file)).split(path.sep).filter((segment) => !/^\(.*\)$/.test(segment)).join("/")}`;
}

/** Every "METHOD /path" the file tree serves under /api/v1, with the file that serves it. */
function treeRoutes(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of filesNamed("app/api/v1", "route.ts")) {
    for (const match of fs.readFileSync(file, "utf8").matchAll(METHOD_EXPORT)) found.set(`${match[1]} ${routePathOf(file)}`, file);
  }
  return found;
}

/** Every "METHOD /path" of the OpenAPI document, in the tree's spelling ({id} → [id]). */
function contractRoutes(): string[] {
  const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([route, operations]) =>
    Object.keys(operations)
      .filter((key) => /^(get|head|post|put|patch|delete|options)$/.test(key))
      .map((method) => `${method.toUpperCase()} ${route.replace(/\{(\w+)\}/g, "[$1]")}`),
  );
}

/** Every exported server action: "file name". */
function treeActions(): string[] {
  return filesNamed("app", "actions.ts").flatMap((file) =>
    [...fs.readFileSync(file, "utf8").matchAll(/export\s+async\s+function\s+(\w+)/g)].map((match) => `${file.split(path.sep).join("/")} ${match[1]}`),
  );
}

// --- calling them ---------------------------------------------------------

// Server actions find their caller in the session cookie; here the session is the caller under test.
const session: { db: Database | null; actor: Actor | null } = { db: null, actor: null };
vi.mock("@/lib/auth/current-actor", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/current-actor")>()),
  sessionCaller: async () => ({ db: session.db, actor: session.actor }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const UNAUTHORISED_MESSAGE = "Sign in or send a valid API token.";
const FORBIDDEN_MESSAGE = /^(This needs the (viewer|operator|admin|collector) role; you are \w+\.|Your role does not allow this\.)$/;

/** A form with every field any action reads, filled plausibly, naming things that do not exist. */
function sampleForm(): FormData {
  const form = new FormData();
  const fields: Record<string, string> = {
    id: MISSING,
    ids: MISSING,
    alertId: MISSING,
    applianceId: MISSING,
    appliance: "no-such-appliance",
    name: "authorisation-table",
    confirmName: "authorisation-table",
    kind: "zvm",
    role: "viewer",
    mode: "reporting",
    url: "https://192.0.2.10:9669",
    username: "monitor",
    password: "a long enough password 1",
    confirm: "a long enough password 1",
    email: "authorisation-table@example.net",
    type: "webhook",
    reason: "authorisation table",
    startsAt: "2030-01-01T00:00",
    endsAt: "2030-01-02T00:00",
    durationMinutes: "60",
    helpIdentifier: "LIC9999",
    recognisedAs: "billing",
    status: "warning",
    groupWindowSeconds: "60",
  };
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  form.set("file", new File(["name,url\n"], "appliances.csv", { type: "text/csv" }));
  return form;
}

describe("who may call what: every /api/v1 route and every server action", () => {
  const kind = process.env.TEST_DATABASE_URL ? "postgres" : "embedded";
  let handle: TestDb;
  const tokens: Partial<Record<Caller, string>> = {};
  const actors: Record<Caller, Actor | null> = {
    none: null,
    viewer: null,
    operator: null,
    collector: { kind: "token", id: "00000000-0000-4000-8000-000000000003", label: "collector", role: "collector", scope: {} },
    admin: null,
  };

  beforeAll(async () => {
    handle = await createTestDb(kind);
    setDb(handle.db);
    session.db = handle.db;
    for (const role of ["viewer", "operator", "collector", "admin"] as const satisfies readonly TokenRole[]) {
      tokens[role] = (await createApiToken(handle.db, testAdmin, { name: `table-${role}`, role })).token;
    }
    // Users behind the sessions (an administrator among them closes the first-run action to everyone).
    for (const role of ["viewer", "operator", "admin"] as const) {
      const user = await addUser(handle.db, testAdmin, { email: `${role}@example.net`, password: "a long enough password 1", role });
      actors[role] = { kind: "user", id: user.id, label: user.email, role };
    }
  });

  afterAll(async () => {
    setDb(null);
    await handle?.drop();
  });

  it("the table names every route and method of the file tree and of the OpenAPI document, and nothing else", () => {
    const tree = [...treeRoutes().keys()].sort();
    const contract = contractRoutes().sort();
    const table = Object.keys(ROUTE_NEEDS).sort();
    expect(tree.filter((route) => !(route in ROUTE_NEEDS)), "routes in app/api/v1 without an expectation").toEqual([]);
    expect(contract.filter((route) => !(route in ROUTE_NEEDS)), "routes in the OpenAPI document without an expectation").toEqual([]);
    expect(table.filter((route) => !tree.includes(route)), "expectations for routes the tree does not serve").toEqual([]);
    // The edge's route table (lib/http/route-table.ts) lists the same routes.
    const edge = ROUTES.filter((route) => route.path.startsWith("/api/v1/")).flatMap((route) => route.methods.map((method) => `${method} ${route.path}`));
    expect(edge.sort()).toEqual(tree);
  });

  it("the table names every server action of the file tree, and nothing else", () => {
    const tree = treeActions().sort();
    expect(tree.filter((action) => !(action in ACTION_NEEDS)), "server actions without an expectation").toEqual([]);
    expect(Object.keys(ACTION_NEEDS).filter((action) => !tree.includes(action)), "expectations for actions the tree does not have").toEqual([]);
  });

  const routeCases = Object.entries(ROUTE_NEEDS).flatMap(([route, need]) => CALLERS.map((caller) => ({ route, caller, need, outcome: expected(need, caller) })));

  it.each(routeCases)("$route by $caller: $outcome", async ({ route, caller }) => {
    const file = treeRoutes().get(route);
    if (!file) throw new Error(`${route} is not in the file tree`);
    const [method, routePath] = route.split(" ");
    const module = (await import(path.resolve(file))) as Record<string, Handler>;
    const params = Object.fromEntries([...routePath.matchAll(/\[(\w+)\]/g)].map((match) => [match[1], MISSING]));
    const headers: Record<string, string> = {};
    const token = tokens[caller];
    if (token) headers.authorization = `Bearer ${token}`;
    const hasBody = method === "POST" || method === "PATCH" || method === "PUT";
    if (hasBody) headers["content-type"] = "application/json";
    const aborted = new AbortController();
    const url = `http://lifeline.example.net${routePath.replace(/\[\w+\]/g, MISSING)}`;
    const response = await module[method](new Request(url, { method, headers, body: hasBody ? "{}" : undefined, signal: aborted.signal }), {
      params: Promise.resolve(params),
    });
    aborted.abort();
    const text = response.headers.get("content-type")?.startsWith("text/event-stream") ? (await response.body?.cancel(), "") : await response.text();
    const outcome: Outcome = response.status === 401 ? "unauthorised" : response.status === 403 ? "forbidden" : "allowed";
    expect({ outcome, status: response.status < 500 ? "answered" : `${response.status} ${text.slice(0, 200)}` }).toEqual({
      outcome: expected(ROUTE_NEEDS[route], caller),
      status: "answered",
    });
  });

  const actionCases = Object.entries(ACTION_NEEDS).flatMap(([action, need]) => CALLERS.map((caller) => ({ action, caller, need, outcome: expected(need, caller) })));

  it.each(actionCases)("$action by $caller: $outcome", async ({ action, caller, need }) => {
    const [file, name] = action.split(" ");
    const module = (await import(path.resolve(file))) as Record<string, (state: unknown, form: FormData) => Promise<{ ok: boolean; message: string }>>;
    session.actor = actors[caller];
    const answer = await module[name]({ ok: false, message: "" }, sampleForm());
    expect(answer.message).not.toBe("Something went wrong; see the server log.");
    if (need === "first-run") {
      expect(answer).toMatchObject({ ok: false, message: expect.stringMatching(/administrator already exists|closed/i) });
      return;
    }
    const outcome: Outcome = answer.message === UNAUTHORISED_MESSAGE ? "unauthorised" : FORBIDDEN_MESSAGE.test(answer.message) ? "forbidden" : "allowed";
    expect({ outcome, message: answer.message }).toEqual({ outcome: expected(need, caller), message: answer.message });
  });
});
