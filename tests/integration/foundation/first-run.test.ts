import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { verifySignIn } from "@/lib/users/verify-sign-in";
import { createFirstAdmin, isSetupOpen, SetupClosedError } from "@/lib/users/create-first-admin";
import { ValidationError } from "@/lib/errors";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { PASSWORD } from "./actors";

describe.each(testDbKinds())("first-run set-up (%s)", (kind) => {
  let handle: TestDb;
  beforeAll(async () => {
    handle = await createTestDb(kind);
  });
  afterAll(async () => {
    await handle?.drop();
  });
  // Set-up is open only while no admin exists: every test starts from an empty user table.
  afterEach(async () => {
    await handle.db.prisma.auditLog.deleteMany();
    await handle.db.prisma.user.deleteMany();
  });

  it("creates the first administrator, who can sign in, then closes for good", async () => {
    const { db } = handle;
    expect(await isSetupOpen(db)).toBe(true);
    const admin = await createFirstAdmin(db, { email: " First@Example.NET ", name: "First", password: PASSWORD });
    expect(admin.email).toBe("first@example.net");
    expect(await isSetupOpen(db)).toBe(false);
    expect(await verifySignIn(db, "first@example.net", PASSWORD)).toMatchObject({ id: admin.id, role: "admin" });

    await expect(createFirstAdmin(db, { email: "second@example.net", password: PASSWORD })).rejects.toBeInstanceOf(
      SetupClosedError,
    );
    expect(await db.prisma.user.count()).toBe(1);
    const audit = await db.prisma.auditLog.findMany();
    expect(audit).toEqual([
      expect.objectContaining({ action: "setup.first-admin", actor: "first@example.net", target: "user:first@example.net", result: "ok" }),
      expect.objectContaining({ action: "auth.sign-in", actor: "first@example.net", result: "ok" }),
    ]);
  });

  it.each([
    { name: "the same form submitted twice", emails: ["twice@example.net", "twice@example.net"] },
    { name: "two people at once", emails: ["alice@example.net", "bob@example.net"] },
    { name: "three people at once", emails: ["a@example.net", "b@example.net", "c@example.net"] },
  ])("lets exactly one of $name through", async ({ emails }) => {
    const { db } = handle;
    const outcomes = await Promise.allSettled(emails.map((email) => createFirstAdmin(db, { email, password: PASSWORD })));
    const created = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const refused = outcomes.filter((outcome) => outcome.status === "rejected");
    expect(created).toHaveLength(1);
    expect(refused.map((outcome) => outcome.reason)).toEqual(emails.slice(1).map(() => expect.any(SetupClosedError)));
    expect(await db.prisma.user.count({ where: { role: "admin" } })).toBe(1);
    expect(await db.prisma.user.count()).toBe(1);
  });

  it.each([
    { name: "a bad email", input: { email: "not-an-email", password: PASSWORD }, field: "email" },
    { name: "a short password", input: { email: "short@example.net", password: "11 chars..." }, field: "password" },
    { name: "no password", input: { email: "none@example.net" }, field: "password" },
  ])("refuses $name, naming the field, and stays open", async ({ input, field }) => {
    await expect(createFirstAdmin(handle.db, input)).rejects.toThrow(expect.objectContaining({ name: "ValidationError", field }));
    await expect(createFirstAdmin(handle.db, input)).rejects.toBeInstanceOf(ValidationError);
    expect(await isSetupOpen(handle.db)).toBe(true);
  });
});
