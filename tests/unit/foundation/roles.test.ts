import { describe, expect, it } from "vitest";
import { authorize } from "@/lib/auth/authorize";
import { hasRole, type Actor, type TokenRole } from "@/lib/auth/roles";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";

const ROLES: TokenRole[] = ["viewer", "operator", "admin", "collector", "metrics"];

// Rows: the actor's role; columns: the role needed, in ROLES order.
const LADDER: Record<TokenRole, boolean[]> = {
  viewer: [true, false, false, false, false],
  operator: [true, true, false, false, false],
  admin: [true, true, true, false, false],
  collector: [false, false, false, true, false],
  metrics: [false, false, false, false, true],
};

const cases = ROLES.flatMap((role) => ROLES.map((needed, column) => ({ role, needed, allowed: LADDER[role][column] })));

function actorWith(role: TokenRole): Actor {
  return { kind: role === "collector" || role === "metrics" ? "token" : "user", id: `id-${role}`, label: `${role}@example.net`, role };
}

describe("hasRole", () => {
  it.each(cases)("$role asking for $needed: $allowed", ({ role, needed, allowed }) => {
    expect(hasRole({ role }, needed)).toBe(allowed);
  });
});

describe("authorize", () => {
  it.each(cases)("$role asking for $needed: allowed=$allowed", ({ role, needed, allowed }) => {
    const check = () => authorize(actorWith(role), needed);
    if (allowed) expect(check).not.toThrow();
    else expect(check).toThrow(ForbiddenError);
  });

  it("answers 401 to nobody and 403 naming both roles to the wrong role", () => {
    expect(() => authorize(null, "viewer")).toThrow(UnauthorizedError);
    try {
      authorize(actorWith("viewer"), "admin");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error).toMatchObject({ status: 403, code: "forbidden" });
      expect((error as Error).message).toBe("This needs the admin role; you are viewer.");
    }
  });
});
