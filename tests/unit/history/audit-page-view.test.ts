import { describe, expect, it } from "vitest";
import { auditDetailText, auditFiltersOf, auditHref, auditTimeText } from "@/lib/history/audit-page-view";

describe("audit page view", () => {
  it("keeps only the known filters", () => {
    expect(auditFiltersOf({ action: "appliance.register", before: "x", junk: "y" })).toEqual({
      action: "appliance.register",
      actor: undefined,
      target: undefined,
      result: undefined,
      from: undefined,
      to: undefined,
    });
  });

  it.each([
    [{}, null, "/admin/audit?"],
    [{ actor: "ann", result: "" }, null, "/admin/audit?actor=ann"],
    [{ actor: "ann & bob" }, "2026-03-01T00:00:00.000Z|7", "/admin/audit?actor=ann+%26+bob&before=2026-03-01T00%3A00%3A00.000Z%7C7"],
  ])("links %o before %s as %s", (filters, before, href) => {
    expect(auditHref(filters, before)).toBe(href);
  });

  it("shows times to the second and details as JSON", () => {
    expect(auditTimeText("2026-03-01T14:05:09.123Z")).toBe("2026-03-01 14:05:09");
    expect(auditDetailText(null)).toBe("");
    expect(auditDetailText({ changed: ["graceDays"] })).toBe('{"changed":["graceDays"]}');
  });
});
