import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "@/lib/users/add-user";
import { signInWithOidc } from "@/lib/users/sign-in-with-oidc";
import { updateUser } from "@/lib/users/update-user";
import { verifySignIn } from "@/lib/users/verify-sign-in";
import { ADMIN, PASSWORD } from "../foundation/actors";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";

const ISSUER = "https://idp.example.net/realms/csp";
const config = {
  issuer: ISSUER,
  groupsClaim: "groups",
  groups: { viewer: ["lifeline-viewers"], operator: ["lifeline-operators"], admin: ["lifeline-admins"] },
};
const claims = (sub: string, groups: string[], extra: Record<string, unknown> = {}) => ({
  iss: ISSUER,
  sub,
  email: `${sub}@csp.example`,
  name: `User ${sub}`,
  groups,
  ...extra,
});

describe.each(testDbKinds())("single sign-on users (%s)", (kind) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb(kind);
  });
  afterAll(async () => {
    await handle?.drop();
  });
  afterEach(async () => {
    await handle.db.prisma.auditLog.deleteMany();
    await handle.db.prisma.user.deleteMany();
  });

  const audits = () => handle.db.prisma.auditLog.findMany({ where: { action: "sso.sign-in" }, orderBy: { id: "asc" } });

  it("creates the user on the first sign-in with the mapped role and no password, and audits it", async () => {
    const result = await signInWithOidc(handle.db, config, claims("ana", ["staff", "lifeline-operators"]));
    expect(result).toEqual({ ok: true, created: true, user: { id: expect.any(String), email: "ana@csp.example", name: "User ana", role: "operator" } });
    const row = await handle.db.prisma.user.findUniqueOrThrow({ where: { email: "ana@csp.example" } });
    expect(row).toMatchObject({ role: "operator", oidcIssuer: ISSUER, oidcSubject: "ana", passwordHash: "", disabled: false });
    expect(row.lastSignInAt).toBeInstanceOf(Date);
    expect(await audits()).toEqual([
      expect.objectContaining({
        actor: "ana@csp.example",
        result: "ok",
        target: "user:ana@csp.example",
        detail: { role: "operator", created: true, groups: ["lifeline-operators"] },
      }),
    ]);
    // No password works for a single sign-on user, not even an empty one.
    expect(await verifySignIn(handle.db, "ana@csp.example", "")).toBeNull();
    expect(await verifySignIn(handle.db, "ana@csp.example", PASSWORD)).toBeNull();
  });

  it("makes the role follow the groups on every sign-in: promoted, then demoted when a group is removed", async () => {
    const first = await signInWithOidc(handle.db, config, claims("bo", ["lifeline-viewers"]));
    const promoted = await signInWithOidc(handle.db, config, claims("bo", ["lifeline-viewers", "lifeline-admins"]));
    const demoted = await signInWithOidc(handle.db, config, claims("bo", ["lifeline-viewers"]));
    expect([first, promoted, demoted].map((result) => (result.ok ? [result.user.role, result.created] : null))).toEqual([
      ["viewer", true],
      ["admin", false],
      ["viewer", false],
    ]);
    expect(first.ok && promoted.ok && promoted.user.id === first.user.id).toBe(true);
    expect(await handle.db.prisma.user.count()).toBe(1);
    expect((await handle.db.prisma.user.findFirstOrThrow()).role).toBe("viewer");
    expect((await audits()).map((entry) => entry.detail)).toEqual([
      { role: "viewer", created: true, groups: ["lifeline-viewers"] },
      { role: "admin", previousRole: "viewer", groups: ["lifeline-admins"] },
      { role: "viewer", previousRole: "admin", groups: ["lifeline-viewers"] },
    ]);
  });

  it("refuses a user whose last mapped group was removed, and audits why with the groups seen", async () => {
    await signInWithOidc(handle.db, config, claims("cy", ["lifeline-operators"]));
    const refused = await signInWithOidc(handle.db, config, claims("cy", ["staff"]));
    expect(refused).toEqual({ ok: false, refusal: "no-mapped-group" });
    expect(await audits()).toContainEqual(
      expect.objectContaining({ actor: "cy@csp.example", result: "denied", detail: { reason: "no-mapped-group", subject: "cy", groups: ["staff"] } }),
    );
  });

  it("refuses a first sign-in without a mapped group and creates no one", async () => {
    expect(await signInWithOidc(handle.db, config, claims("dee", ["staff"]))).toEqual({ ok: false, refusal: "no-mapped-group" });
    expect(await signInWithOidc(handle.db, config, { iss: ISSUER, sub: "eve", email: "eve@csp.example" })).toEqual({
      ok: false,
      refusal: "no-groups-claim",
    });
    expect(await signInWithOidc(handle.db, config, { iss: ISSUER, sub: "fay", groups: ["lifeline-admins"] })).toEqual({
      ok: false,
      refusal: "no-email",
    });
    expect(await handle.db.prisma.user.count()).toBe(0);
    expect((await audits()).map((entry) => [entry.actor, entry.result])).toEqual([
      ["dee@csp.example", "denied"],
      ["eve@csp.example", "denied"],
      ["sso:fay", "denied"],
    ]);
  });

  it("refuses a user an administrator disabled, whatever the groups say", async () => {
    const created = await signInWithOidc(handle.db, config, claims("gus", ["lifeline-admins"]));
    const admin2 = await addUser(handle.db, ADMIN, { email: "admin2@csp.example", role: "admin", password: PASSWORD });
    expect(admin2.role).toBe("admin");
    await updateUser(handle.db, ADMIN, { id: created.ok ? created.user.id : "", disabled: true });
    expect(await signInWithOidc(handle.db, config, claims("gus", ["lifeline-admins"]))).toEqual({ ok: false, refusal: "disabled" });
    expect((await handle.db.prisma.user.findUniqueOrThrow({ where: { email: "gus@csp.example" } })).disabled).toBe(true);
  });

  it("never takes over an active local account with the same email; takes over one an admin disabled", async () => {
    const local = await addUser(handle.db, ADMIN, { email: "hal@csp.example", role: "admin", password: PASSWORD });
    await addUser(handle.db, ADMIN, { email: "break-glass@csp.example", role: "admin", password: PASSWORD });
    expect(await signInWithOidc(handle.db, config, claims("hal", ["lifeline-viewers"]))).toEqual({ ok: false, refusal: "email-taken" });
    expect(await handle.db.prisma.user.findUniqueOrThrow({ where: { id: local.id } })).toMatchObject({ role: "admin", oidcSubject: null });
    expect(await verifySignIn(handle.db, "hal@csp.example", PASSWORD)).toMatchObject({ role: "admin" });

    await updateUser(handle.db, ADMIN, { id: local.id, disabled: true });
    const taken = await signInWithOidc(handle.db, config, claims("hal", ["lifeline-viewers"]));
    expect(taken).toEqual({ ok: true, created: false, user: expect.objectContaining({ id: local.id, role: "viewer" }) });
    const row = await handle.db.prisma.user.findUniqueOrThrow({ where: { id: local.id } });
    expect(row).toMatchObject({ disabled: false, role: "viewer", oidcSubject: "hal", passwordHash: "" });
    expect(await verifySignIn(handle.db, "hal@csp.example", PASSWORD)).toBeNull();
    expect((await audits()).at(-1)?.detail).toEqual({ role: "viewer", tookOverDisabledAccount: true, previousRole: "admin", groups: ["lifeline-viewers"] });
  });

  it("follows an email change at the provider unless another user holds the new address", async () => {
    await signInWithOidc(handle.db, config, claims("ida", ["lifeline-viewers"]));
    await signInWithOidc(handle.db, config, claims("ida", ["lifeline-viewers"], { email: "ida.new@csp.example" }));
    expect(await handle.db.prisma.user.findFirst({ where: { oidcSubject: "ida" } })).toMatchObject({ email: "ida.new@csp.example" });
    await addUser(handle.db, ADMIN, { email: "taken@csp.example", role: "viewer", password: PASSWORD });
    const result = await signInWithOidc(handle.db, config, claims("ida", ["lifeline-viewers"], { email: "taken@csp.example" }));
    expect(result).toMatchObject({ ok: true, user: { email: "ida.new@csp.example" } });
  });

  it("creates one user when the same person's first two sign-ins race", async () => {
    const results = await Promise.all([
      signInWithOidc(handle.db, config, claims("jo", ["lifeline-operators"])),
      signInWithOidc(handle.db, config, claims("jo", ["lifeline-operators"])),
    ]);
    expect(results.every((result) => result.ok && result.user.role === "operator")).toBe(true);
    expect(await handle.db.prisma.user.count({ where: { oidcSubject: "jo" } })).toBe(1);
  });

  it("keeps subjects of different issuers apart", async () => {
    await signInWithOidc(handle.db, config, claims("kim", ["lifeline-viewers"]));
    const other = await signInWithOidc(handle.db, config, claims("kim", ["lifeline-viewers"], { iss: "https://other-idp.example", email: "kim2@csp.example" }));
    expect(other).toMatchObject({ ok: true, created: true });
    expect(await handle.db.prisma.user.count({ where: { oidcSubject: "kim" } })).toBe(2);
  });

  it("with passwords for admins only, turns away a right password of an operator with a clear message", async () => {
    await addUser(handle.db, ADMIN, { email: "lee@csp.example", role: "operator", password: PASSWORD });
    const adminsOnly = (role: string) => (role === "admin" ? null : "Email and password sign-in is for administrators only; sign in with Entra ID.");
    await expect(verifySignIn(handle.db, "lee@csp.example", PASSWORD, { refuse: adminsOnly })).rejects.toThrow(/administrators only; sign in with Entra ID/);
    expect((await handle.db.prisma.user.findUniqueOrThrow({ where: { email: "lee@csp.example" } })).lastSignInAt).toBeNull();
    expect(await verifySignIn(handle.db, "lee@csp.example", "a wrong password!", { refuse: adminsOnly })).toBeNull();
    await addUser(handle.db, ADMIN, { email: "root@csp.example", role: "admin", password: PASSWORD });
    expect(await verifySignIn(handle.db, "root@csp.example", PASSWORD, { refuse: adminsOnly })).toMatchObject({ role: "admin" });
  });
});
