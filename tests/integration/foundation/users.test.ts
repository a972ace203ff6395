import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TokenRole } from "@/lib/auth/roles";
import { ConflictError, ForbiddenError, InvalidStateError, NotFoundError, UnauthorizedError, ValidationError } from "@/lib/errors";
import { addUser } from "@/lib/users/add-user";
import { deleteUser } from "@/lib/users/delete-user";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import { listUsers } from "@/lib/users/list-users";
import { updateUser } from "@/lib/users/update-user";
import { verifySignIn } from "@/lib/users/verify-sign-in";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { actorWith, ADMIN, PASSWORD } from "./actors";

describe.each(testDbKinds())("users (%s)", (kind) => {
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

  const add = (email: string, role: string, password = PASSWORD) => addUser(handle.db, ADMIN, { email, role, password });

  describe("addUser", () => {
    it("adds a user who can sign in, stores only a hash of the password, and audits it", async () => {
      const user = await addUser(handle.db, ADMIN, { email: "New.Operator@Example.net", name: "Nia", role: "operator", password: PASSWORD });
      expect(user).toEqual({ id: expect.any(String), email: "new.operator@example.net", name: "Nia", role: "operator", createdAt: expect.any(Date) });
      const row = await handle.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(row.passwordHash).toMatch(/^\$2[aby]\$/);
      expect(row.passwordHash).not.toContain(PASSWORD);
      expect(await verifySignIn(handle.db, "new.operator@example.net", PASSWORD)).toMatchObject({ id: user.id, role: "operator" });
      expect(await handle.db.prisma.auditLog.findMany()).toEqual([
        expect.objectContaining({
          actor: "cli:test",
          actorType: "cli",
          action: "user.add",
          target: "user:new.operator@example.net",
          result: "ok",
          detail: { role: "operator" },
        }),
        expect.objectContaining({ actor: "new.operator@example.net", action: "auth.sign-in", result: "ok", detail: { method: "password", address: null } }),
      ]);
    });

    it.each<{ name: string; role: TokenRole | null; error: new (...args: never[]) => Error }>([
      { name: "nobody", role: null, error: UnauthorizedError },
      { name: "a viewer", role: "viewer", error: ForbiddenError },
      { name: "an operator", role: "operator", error: ForbiddenError },
      { name: "a collector token", role: "collector", error: ForbiddenError },
    ])("refuses $name and adds no one", async ({ role, error }) => {
      const actor = role ? actorWith(role) : null;
      await expect(addUser(handle.db, actor, { email: "sneaky@example.net", role: "admin", password: PASSWORD })).rejects.toBeInstanceOf(error);
      expect(await handle.db.prisma.user.count()).toBe(0);
      expect(await handle.db.prisma.auditLog.count()).toBe(0);
    });

    it("refuses an email that exists, whatever its case, naming the field", async () => {
      await add("dup@example.net", "viewer");
      const attempt = add("DUP@example.NET", "operator");
      await expect(attempt).rejects.toBeInstanceOf(ConflictError);
      await expect(attempt).rejects.toMatchObject({ status: 409, field: "email" });
      expect(await handle.db.prisma.user.findMany({ select: { email: true, role: true } })).toEqual([{ email: "dup@example.net", role: "viewer" }]);
    });

    it.each([
      { name: "an unknown role", input: { email: "r@example.net", role: "root", password: PASSWORD }, field: "role" },
      { name: "the collector role (tokens only)", input: { email: "c@example.net", role: "collector", password: PASSWORD }, field: "role" },
      { name: "a short password", input: { email: "p@example.net", role: "viewer", password: "elevenchars" }, field: "password" },
      { name: "a bad email", input: { email: "nobody at example", role: "viewer", password: PASSWORD }, field: "email" },
      { name: "a missing email", input: { role: "viewer", password: PASSWORD }, field: "email" },
      { name: "a long name", input: { email: "n@example.net", name: "n".repeat(121), role: "viewer", password: PASSWORD }, field: "name" },
    ])("refuses $name, naming the field", async ({ input, field }) => {
      const attempt = addUser(handle.db, ADMIN, input);
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({ status: 422, field });
      expect(await handle.db.prisma.user.count()).toBe(0);
    });
  });

  describe("updateUser", () => {
    it("changes a role and disables a user, who can then no longer sign in", async () => {
      const user = await add("changing@example.net", "viewer");
      expect(await updateUser(handle.db, ADMIN, { id: user.id, role: "operator" })).toMatchObject({ role: "operator", disabled: false });
      expect(await updateUser(handle.db, ADMIN, { id: user.id, disabled: true })).toMatchObject({ role: "operator", disabled: true });
      expect(await verifySignIn(handle.db, "changing@example.net", PASSWORD)).toBeNull();
      const actions = await handle.db.prisma.auditLog.findMany({ where: { action: "user.update" }, orderBy: { id: "asc" } });
      expect(actions.map((entry) => entry.detail)).toEqual([
        { role: "operator", disabled: false },
        { role: "operator", disabled: true },
      ]);
    });

    it.each([
      { name: "demoted", change: { role: "operator" } },
      { name: "disabled", change: { disabled: true } },
    ])("refuses to leave no active administrator: the last one cannot be $name", async ({ change }) => {
      const last = await add("last-admin@example.net", "admin");
      const disabledAdmin = await add("disabled-admin@example.net", "admin");
      await updateUser(handle.db, ADMIN, { id: disabledAdmin.id, disabled: true });
      await add("someone@example.net", "operator");

      await expect(updateUser(handle.db, ADMIN, { id: last.id, ...change })).rejects.toBeInstanceOf(InvalidStateError);
      expect(await handle.db.prisma.user.findUniqueOrThrow({ where: { id: last.id } })).toMatchObject({ role: "admin", disabled: false });

      const second = await add("second-admin@example.net", "admin");
      expect(await updateUser(handle.db, ADMIN, { id: last.id, ...change })).toMatchObject({ email: "last-admin@example.net" });
      await expect(updateUser(handle.db, ADMIN, { id: second.id, ...change })).rejects.toBeInstanceOf(InvalidStateError);
    });

    it("lets two admins be demoted at once only one at a time, keeping one", async () => {
      const first = await add("one@example.net", "admin");
      const second = await add("two@example.net", "admin");
      const outcomes = await Promise.allSettled([
        updateUser(handle.db, ADMIN, { id: first.id, role: "viewer" }),
        updateUser(handle.db, ADMIN, { id: second.id, role: "viewer" }),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
      expect(await handle.db.prisma.user.count({ where: { role: "admin", disabled: false } })).toBe(1);
    });

    it.each([
      { name: "a malformed id", input: { id: "42", role: "viewer" }, error: ValidationError, field: "id" },
      { name: "an unknown role", input: { id: "00000000-0000-4000-8000-000000000000", role: "root" }, error: ValidationError, field: "role" },
      { name: "an unknown user", input: { id: "00000000-0000-4000-8000-000000000000", role: "viewer" }, error: NotFoundError, field: undefined },
    ])("refuses $name", async ({ input, error, field }) => {
      const attempt = updateUser(handle.db, ADMIN, input);
      await expect(attempt).rejects.toBeInstanceOf(error);
      if (field) await expect(attempt).rejects.toMatchObject({ field });
    });

    it("is for administrators only", async () => {
      const user = await add("target@example.net", "viewer");
      await expect(updateUser(handle.db, actorWith("operator"), { id: user.id, role: "admin" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(updateUser(handle.db, null, { id: user.id, role: "admin" })).rejects.toBeInstanceOf(UnauthorizedError);
      await expect(listUsers(handle.db, actorWith("viewer"))).rejects.toBeInstanceOf(ForbiddenError);
      expect(await handle.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ role: "viewer" });
    });
  });

  describe("resetUserPassword", () => {
    it("sets a typed password: the old one stops working, the new one signs in; audited without the password", async () => {
      const user = await add("forgot@example.net", "operator");
      const fresh = "a brand new password 42";
      expect(await resetUserPassword(handle.db, ADMIN, { id: user.id, password: fresh })).toEqual({ email: "forgot@example.net", generated: null });
      expect(await verifySignIn(handle.db, "forgot@example.net", PASSWORD)).toBeNull();
      expect(await verifySignIn(handle.db, "forgot@example.net", fresh)).toMatchObject({ id: user.id });
      const audit = await handle.db.prisma.auditLog.findMany({ where: { action: "user.reset-password" } });
      expect(audit).toEqual([expect.objectContaining({ actor: "cli:test", target: "user:forgot@example.net", detail: { generated: false } })]);
      expect(JSON.stringify(audit.map((entry) => entry.detail))).not.toContain(fresh);
    });

    it("generates one when none is typed, handed back once", async () => {
      const user = await add("gen@example.net", "viewer");
      const { generated } = await resetUserPassword(handle.db, ADMIN, { id: user.id });
      expect(generated).toMatch(/^[\w-]{20}$/);
      expect(await verifySignIn(handle.db, "gen@example.net", generated as string)).toMatchObject({ id: user.id });
    });

    it("refuses a short password, an unknown user and a non-admin", async () => {
      const user = await add("short@example.net", "viewer");
      await expect(resetUserPassword(handle.db, ADMIN, { id: user.id, password: "short" })).rejects.toMatchObject({ field: "password" });
      await expect(resetUserPassword(handle.db, ADMIN, { id: "00000000-0000-4000-8000-000000000000" })).rejects.toBeInstanceOf(NotFoundError);
      await expect(resetUserPassword(handle.db, actorWith("operator"), { id: user.id, password: "another password 42" })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await verifySignIn(handle.db, "short@example.net", PASSWORD)).toMatchObject({ id: user.id });
    });
  });

  describe("deleteUser", () => {
    it("deletes a user, audited; they can no longer sign in", async () => {
      const user = await add("leaver@example.net", "viewer");
      expect(await deleteUser(handle.db, ADMIN, user.id)).toEqual({ email: "leaver@example.net" });
      expect(await verifySignIn(handle.db, "leaver@example.net", PASSWORD)).toBeNull();
      expect(await handle.db.prisma.auditLog.findMany({ where: { action: "user.delete" } })).toEqual([
        expect.objectContaining({ target: "user:leaver@example.net", detail: { role: "viewer" } }),
      ]);
    });

    it("never deletes the last active administrator, nor the admin asking", async () => {
      const last = await add("only-admin@example.net", "admin");
      const disabled = await add("off-admin@example.net", "admin");
      await updateUser(handle.db, ADMIN, { id: disabled.id, disabled: true });
      await expect(deleteUser(handle.db, ADMIN, last.id)).rejects.toBeInstanceOf(InvalidStateError);
      expect(await handle.db.prisma.user.count({ where: { id: last.id } })).toBe(1);
      // A disabled admin may go; so may an active one once another exists.
      await deleteUser(handle.db, ADMIN, disabled.id);
      const other = await add("other-admin@example.net", "admin");
      const self = { kind: "user" as const, id: other.id, label: other.email, role: "admin" as const };
      await expect(deleteUser(handle.db, self, other.id)).rejects.toThrow(/your own account/);
      await deleteUser(handle.db, self, last.id);
      expect(await handle.db.prisma.user.count({ where: { role: "admin" } })).toBe(1);
    });
  });

  describe("verifySignIn", () => {
    it("accepts the right password whatever the email's case, and records the sign-in", async () => {
      const user = await add("casey@example.net", "viewer");
      const signedIn = await verifySignIn(handle.db, "  CASEY@Example.Net ", PASSWORD);
      expect(signedIn).toEqual({ id: user.id, email: "casey@example.net", name: null, role: "viewer" });
      expect((await handle.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).toBeInstanceOf(Date);
    });

    it.each([
      { name: "a wrong password", email: "wrong@example.net", password: `${PASSWORD}!`, disabled: false, reason: "wrong-password" },
      { name: "an empty password", email: "wrong@example.net", password: "", disabled: false, reason: "wrong-password" },
      { name: "an unknown email", email: "nobody@example.net", password: PASSWORD, disabled: false, reason: "unknown-account" },
      { name: "a disabled user with the right password", email: "wrong@example.net", password: PASSWORD, disabled: true, reason: "disabled" },
    ])("refuses $name, and audits the failure with its reason", async ({ email, password, disabled, reason }) => {
      const user = await add("wrong@example.net", "operator");
      if (disabled) await handle.db.prisma.user.update({ where: { id: user.id }, data: { disabled: true } });
      expect(await verifySignIn(handle.db, email, password, { address: "203.0.113.9" })).toBeNull();
      expect((await handle.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).toBeNull();
      const audit = await handle.db.prisma.auditLog.findMany({ where: { action: "auth.sign-in" } });
      expect(audit).toEqual([
        expect.objectContaining({ actor: email, target: `user:${email}`, result: "failed", detail: { method: "password", address: "203.0.113.9", reason } }),
      ]);
      expect(JSON.stringify(audit.map((entry) => entry.detail))).not.toContain(PASSWORD);
    });
  });
});
