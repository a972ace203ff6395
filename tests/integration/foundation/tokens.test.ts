import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, NotFoundError, UnauthorizedError, ValidationError } from "@/lib/errors";
import { authenticateToken } from "@/lib/tokens/authenticate-token";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { listApiTokens } from "@/lib/tokens/list-api-tokens";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import type { Actor } from "@/lib/auth/roles";
import { actorWith, createAdminActor } from "./actors";

const T0 = new Date("2026-11-22T08:00:00.000Z");
const seconds = (n: number) => new Date(T0.getTime() + n * 1000);

describe.each(testDbKinds())("API tokens (%s)", (kind) => {
  let handle: TestDb;
  let ADMIN: Actor;
  beforeAll(async () => {
    handle = await createTestDb(kind);
    ADMIN = await createAdminActor(handle.db, "token-admin@example.net");
  });
  afterAll(async () => {
    await handle?.drop();
  });
  afterEach(async () => {
    await handle.db.prisma.auditLog.deleteMany();
    await handle.db.prisma.apiToken.deleteMany();
  });

  it("returns the token once and stores only its hash", async () => {
    const { token, record } = await createApiToken(handle.db, ADMIN, { name: "grafana", role: "viewer" });
    expect(token).toMatch(/^ll_[\w-]{43}$/);
    expect(record).toEqual({ id: expect.any(String), name: "grafana", role: "viewer", prefix: token.slice(0, 9), createdAt: expect.any(Date), scope: null });

    const rows = await handle.db.sql.query(`SELECT * FROM "ApiToken"`);
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows[0]);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(9));
    const listed = await listApiTokens(handle.db, ADMIN);
    expect(JSON.stringify(listed)).not.toContain(token.slice(9));
    expect(listed).toEqual([
      expect.objectContaining({ name: "grafana", prefix: token.slice(0, 9), revokedAt: null, createdBy: { email: "token-admin@example.net" } }),
    ]);
  });

  it("authenticates its bearer with the token's role and scope, noting when it was last used", async () => {
    const { token, record } = await createApiToken(handle.db, ADMIN, { name: "site-a collector", role: "collector", scope: { tags: ["site-a"] } });
    const lastUsed = async () => (await handle.db.prisma.apiToken.findUniqueOrThrow({ where: { id: record.id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();

    expect(await authenticateToken(handle.db, token, T0)).toEqual({
      kind: "token",
      id: record.id,
      label: "token:site-a collector",
      role: "collector",
      scope: { tags: ["site-a"] },
    });
    expect(await lastUsed()).toEqual(T0);
    // Within a minute the row is not written again on every request.
    await authenticateToken(handle.db, token, seconds(30));
    expect(await lastUsed()).toEqual(T0);
    await authenticateToken(handle.db, token, seconds(61));
    expect(await lastUsed()).toEqual(seconds(61));
  });

  it.each([
    { name: "an unknown token", token: () => "ll_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" },
    { name: "a token without the prefix", token: (real: string) => real.slice(3) },
    { name: "a truncated token", token: (real: string) => real.slice(0, -1) },
    { name: "an oversized token", token: (real: string) => real + "A".repeat(200) },
    { name: "an empty string", token: () => "" },
  ])("refuses $name", async ({ token }) => {
    const created = await createApiToken(handle.db, ADMIN, { name: "real", role: "admin" });
    expect(await authenticateToken(handle.db, token(created.token), T0)).toBeNull();
  });

  it("stops authenticating a revoked token, by id or by name; revoking twice is harmless", async () => {
    const byName = await createApiToken(handle.db, ADMIN, { name: "old-script", role: "operator" });
    const byId = await createApiToken(handle.db, ADMIN, { name: "other-script", role: "operator" });
    expect(await authenticateToken(handle.db, byName.token)).not.toBeNull();

    expect(await revokeApiToken(handle.db, ADMIN, "old-script")).toMatchObject({ name: "old-script", revokedAt: expect.any(Date) });
    expect(await revokeApiToken(handle.db, ADMIN, byId.record.id)).toMatchObject({ name: "other-script" });
    expect(await authenticateToken(handle.db, byName.token)).toBeNull();
    expect(await authenticateToken(handle.db, byId.token)).toBeNull();

    const first = await handle.db.prisma.apiToken.findUniqueOrThrow({ where: { id: byName.record.id } });
    await revokeApiToken(handle.db, ADMIN, "old-script");
    expect((await handle.db.prisma.apiToken.findUniqueOrThrow({ where: { id: byName.record.id } })).revokedAt).toEqual(first.revokedAt);
    await expect(revokeApiToken(handle.db, ADMIN, "never-existed")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("audits creation and revocation under the actor's name, never with the token", async () => {
    const { token } = await createApiToken(handle.db, ADMIN, { name: "audited", role: "admin" });
    await revokeApiToken(handle.db, actorWith("admin", "cli:root"), "audited");
    const audit = await handle.db.prisma.auditLog.findMany({ orderBy: { id: "asc" } });
    expect(audit).toEqual([
      expect.objectContaining({ actor: "token-admin@example.net", action: "token.create", target: "token:audited", result: "ok", detail: { role: "admin" } }),
      expect.objectContaining({ actor: "cli:root", action: "token.revoke", target: "token:audited", result: "ok" }),
    ]);
    expect(JSON.stringify(audit, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value))).not.toContain(token);
  });

  it("refuses a second token with the same name, naming the field", async () => {
    await createApiToken(handle.db, ADMIN, { name: "twin", role: "viewer" });
    const attempt = createApiToken(handle.db, ADMIN, { name: "twin", role: "admin" });
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toMatchObject({ field: "name" });
    expect(await handle.db.prisma.apiToken.count()).toBe(1);
  });

  it.each([
    { name: "an empty name", input: { name: "  ", role: "viewer" }, field: "name" },
    { name: "an unknown role", input: { name: "x", role: "superuser" }, field: "role" },
    { name: "an unknown scope key", input: { name: "x", role: "collector", scope: { sites: ["a"] } }, field: "scope" },
    { name: "a scope with a bad appliance id", input: { name: "x", role: "collector", scope: { applianceIds: ["zvm-1"] } }, field: "scope.applianceIds.0" },
  ])("refuses $name, naming the field", async ({ input, field }) => {
    const attempt = createApiToken(handle.db, ADMIN, input);
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ field });
  });

  it.each([
    { name: "nobody", actor: null, error: UnauthorizedError },
    { name: "an operator", actor: actorWith("operator"), error: ForbiddenError },
    { name: "a collector", actor: actorWith("collector"), error: ForbiddenError },
  ])("lets only administrators manage tokens, not $name", async ({ actor, error }) => {
    await createApiToken(handle.db, ADMIN, { name: "kept", role: "viewer" });
    await expect(createApiToken(handle.db, actor, { name: "mine", role: "admin" })).rejects.toBeInstanceOf(error);
    await expect(revokeApiToken(handle.db, actor, "kept")).rejects.toBeInstanceOf(error);
    await expect(listApiTokens(handle.db, actor)).rejects.toBeInstanceOf(error);
    expect(await handle.db.prisma.apiToken.findMany({ select: { name: true, revokedAt: true } })).toEqual([{ name: "kept", revokedAt: null }]);
  });
});
