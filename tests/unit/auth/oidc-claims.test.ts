import { describe, expect, it } from "vitest";
import { decideOidcRole, identityOf, mergeUserinfo, needsUserinfo, readGroupsClaim } from "@/lib/auth/oidc-claims";

const GROUPS = {
  viewer: ["lifeline-viewers", "noc-readonly"],
  operator: ["lifeline-operators"],
  admin: ["lifeline-admins", "3f1c9d7e-0b2a-4c55-9a1e-7d0c2f1b9e44"],
};
const config = { groupsClaim: "groups", groups: GROUPS };

describe("decideOidcRole: groups → role", () => {
  it.each<{ name: string; claims: Record<string, unknown>; expected: ReturnType<typeof decideOidcRole> }>([
    { name: "a viewer group", claims: { groups: ["lifeline-viewers"] }, expected: { ok: true, role: "viewer", matched: ["lifeline-viewers"] } },
    { name: "an operator group among others", claims: { groups: ["staff", "lifeline-operators", "vpn"] }, expected: { ok: true, role: "operator", matched: ["lifeline-operators"] } },
    { name: "an admin group by Entra object id", claims: { groups: ["3f1c9d7e-0b2a-4c55-9a1e-7d0c2f1b9e44"] }, expected: { ok: true, role: "admin", matched: ["3f1c9d7e-0b2a-4c55-9a1e-7d0c2f1b9e44"] } },
    {
      name: "the highest of several mapped groups",
      claims: { groups: ["lifeline-viewers", "lifeline-admins", "lifeline-operators"] },
      expected: { ok: true, role: "admin", matched: ["lifeline-admins"] },
    },
    {
      name: "two groups of the same role",
      claims: { groups: ["noc-readonly", "lifeline-viewers"] },
      expected: { ok: true, role: "viewer", matched: ["lifeline-viewers", "noc-readonly"] },
    },
    { name: "a single group sent as a string (ADFS)", claims: { groups: "lifeline-operators" }, expected: { ok: true, role: "operator", matched: ["lifeline-operators"] } },
    { name: "no mapped group", claims: { groups: ["staff", "vpn"] }, expected: { ok: false, refusal: "no-mapped-group" } },
    { name: "an empty group list", claims: { groups: [] }, expected: { ok: false, refusal: "no-mapped-group" } },
    { name: "a group in another case", claims: { groups: ["Lifeline-Admins"] }, expected: { ok: false, refusal: "no-mapped-group" } },
    { name: "a group name with the mapped one inside it", claims: { groups: ["lifeline-admins-old"] }, expected: { ok: false, refusal: "no-mapped-group" } },
    { name: "no groups claim at all", claims: { sub: "u1" }, expected: { ok: false, refusal: "no-groups-claim" } },
    { name: "a null groups claim", claims: { groups: null }, expected: { ok: false, refusal: "no-groups-claim" } },
    {
      name: "Entra ID's group overage",
      claims: { _claim_names: { groups: "src1" }, _claim_sources: { src1: { endpoint: "https://graph.microsoft.com/…" } } },
      expected: { ok: false, refusal: "groups-overage" },
    },
    { name: "Entra ID's hasgroups marker", claims: { hasgroups: true }, expected: { ok: false, refusal: "groups-overage" } },
    { name: "items that are not names are ignored", claims: { groups: [{ id: "lifeline-admins" }, null, "lifeline-viewers"] }, expected: { ok: true, role: "viewer", matched: ["lifeline-viewers"] } },
  ])("$name", ({ claims, expected }) => {
    expect(decideOidcRole(claims, config)).toEqual(expected);
  });

  it("reads a nested claim by dotted path (Keycloak realm roles)", () => {
    const keycloak = { groupsClaim: "realm_access.roles", groups: { ...GROUPS, operator: ["lifeline-operator"] } };
    expect(decideOidcRole({ realm_access: { roles: ["offline_access", "lifeline-operator"] } }, keycloak)).toEqual({
      ok: true,
      role: "operator",
      matched: ["lifeline-operator"],
    });
    expect(decideOidcRole({ realm_access: { roles: ["offline_access"] } }, keycloak)).toEqual({ ok: false, refusal: "no-mapped-group" });
    expect(decideOidcRole({ realm_access: "lifeline-operator" }, { ...keycloak, groupsClaim: "realm_access.roles.x" })).toEqual({
      ok: false,
      refusal: "no-groups-claim",
    });
  });

  it("reads a namespaced claim whose name holds dots whole", () => {
    const namespaced = { groupsClaim: "https://lifeline.example.net/groups", groups: GROUPS };
    expect(decideOidcRole({ "https://lifeline.example.net/groups": ["lifeline-admins"] }, namespaced)).toMatchObject({ ok: true, role: "admin" });
  });

  it("reads numeric group ids as text", () => {
    expect(readGroupsClaim({ groups: [1042, " 7 "] }, "groups")).toEqual({ ok: true, groups: ["1042", "7"] });
  });

  it("takes a removed group away: the same user maps lower, or not at all", () => {
    expect(decideOidcRole({ groups: ["lifeline-admins", "lifeline-viewers"] }, config)).toMatchObject({ role: "admin" });
    expect(decideOidcRole({ groups: ["lifeline-viewers"] }, config)).toMatchObject({ role: "viewer" });
    expect(decideOidcRole({ groups: [] }, config)).toEqual({ ok: false, refusal: "no-mapped-group" });
  });
});

describe("identityOf", () => {
  it.each<{ name: string; claims: Record<string, unknown>; email: string | null; display: string | null }>([
    { name: "email and name", claims: { sub: "1", email: "Ana@Example.NET", name: "Ana Ops" }, email: "ana@example.net", display: "Ana Ops" },
    { name: "Entra ID without email: the UPN", claims: { sub: "1", preferred_username: "bo@csp.example", name: "Bo" }, email: "bo@csp.example", display: "Bo" },
    { name: "ADFS: upn", claims: { sub: "1", upn: "cy@csp.example", given_name: "Cy", family_name: "Ng" }, email: "cy@csp.example", display: "Cy Ng" },
    { name: "a user name that is not an address", claims: { sub: "1", preferred_username: "dave" }, email: null, display: null },
    { name: "an address that is not one", claims: { sub: "1", email: "not an address" }, email: null, display: null },
  ])("$name", ({ claims, email, display }) => {
    expect(identityOf(claims, "https://idp.example.net")).toEqual({ issuer: "https://idp.example.net", subject: "1", email, name: display });
  });

  it("keeps the issuer of the verified token when it says one", () => {
    expect(identityOf({ sub: "x", iss: "https://login.example.net/t/v2.0" }, "https://fallback").issuer).toBe("https://login.example.net/t/v2.0");
  });
});

describe("mergeUserinfo", () => {
  const idClaims = { sub: "u1", iss: "https://idp", aud: "lifeline", nonce: "n1", exp: 10 };

  it("lays userinfo's claims over the ID token's, keeping the token's own", () => {
    expect(mergeUserinfo(idClaims, { sub: "u1", email: "a@b.example", groups: ["g"], iss: "https://evil", nonce: "x" })).toEqual({
      ...idClaims,
      email: "a@b.example",
      groups: ["g"],
    });
  });

  it("refuses a userinfo answer about someone else", () => {
    expect(() => mergeUserinfo(idClaims, { sub: "u2", groups: ["lifeline-admins"] })).toThrow(/another subject/);
  });

  it("asks userinfo only when the token lacks the groups or the email", () => {
    expect(needsUserinfo({ sub: "u1", email: "a@b.example", groups: [] }, "groups")).toBe(false);
    expect(needsUserinfo({ sub: "u1", email: "a@b.example" }, "groups")).toBe(true);
    expect(needsUserinfo({ sub: "u1", groups: ["g"] }, "groups")).toBe(true);
  });
});
