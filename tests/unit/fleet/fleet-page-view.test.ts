import { describe, expect, it } from "vitest";
import { columnSortHref, daysLeftText, fleetHref, readFleetQuery, shownRangeText, utcMinuteText } from "@/lib/fleet/fleet-page-view";

describe("readFleetQuery", () => {
  it("defaults to worst first, 100 a page, page 1, nothing kept", () => {
    const view = readFleetQuery({});
    expect(view).toMatchObject({ sort: "severity", dir: "asc", limit: 100, pageNumber: 1, first: 1, filtered: false, worstFirst: true });
    expect(view.query).toMatchObject({ sort: "severity", dir: "asc", limit: "100" });
    expect(fleetHref(view.keep, {})).toBe("/");
  });

  it.each([
    [{ status: "critical" }, true],
    [{ q: "zvm" }, true],
    [{ limit: "50" }, false],
    [{ sort: "name" }, false],
  ])("counts %o as filtered: %s", (params, filtered) => {
    expect(readFleetQuery(params).filtered).toBe(filtered);
  });

  it("keeps filters and a non-default order in every link, and numbers rows from the page", () => {
    const view = readFleetQuery({ tenant: "acme", sort: "name", dir: "desc", limit: "50", p: "3", cursor: "abc" });
    expect(view.keep).toEqual({ status: undefined, tenant: "acme", region: undefined, readiness: undefined, q: undefined, limit: "50", sort: "name", dir: "desc" });
    expect(view.query).toMatchObject({ tenant: "acme", sort: "name", dir: "desc", cursor: "abc", limit: "50" });
    expect(view.first).toBe(101);
    expect(view.worstFirst).toBe(false);
  });

  it("reads a nonsense page number or limit as the defaults", () => {
    expect(readFleetQuery({ p: "-4", limit: "x" })).toMatchObject({ pageNumber: 1, limit: 100 });
  });
});

describe("columnSortHref", () => {
  it.each([
    [{}, "name", "/?sort=name"],
    [{ sort: "name" }, "name", "/?sort=name&dir=desc"],
    [{ sort: "name", dir: "desc" }, "name", "/?sort=name"],
    [{}, "severity", "/?sort=severity&dir=desc"],
    [{ sort: "severity", dir: "desc" }, "severity", "/"],
    [{ status: "ok", cursor: "c", p: "2" }, "tenant", "/?status=ok&sort=tenant"],
  ] as const)("from %o, the %s header links to %s", (params, column, href) => {
    expect(columnSortHref(readFleetQuery(params), column)).toBe(href);
  });
});

describe("fleet wording", () => {
  it("says which rows are shown, and when they are worst first", () => {
    expect(shownRangeText(readFleetQuery({}), 0, 0)).toBe("No appliances shown · worst first");
    expect(shownRangeText(readFleetQuery({ p: "2", limit: "50" }), 120, 50)).toBe("Showing 51–100 of 120 · worst first");
    expect(shownRangeText(readFleetQuery({ sort: "name" }), 3, 3)).toBe("Showing 1–3 of 3");
  });

  it.each([
    [{ billingStatus: "disconnected", daysUntilDisconnect: 0 }, "disconnected"],
    [{ billingStatus: "critical", daysUntilDisconnect: 3 }, "3"],
    [{ billingStatus: "warning", daysUntilDisconnect: 0 }, "0"],
    [{ billingStatus: "ok", daysUntilDisconnect: null }, "—"],
  ] as const)("days left for %o: %s", (item, text) => {
    expect(daysLeftText(item)).toBe(text);
  });

  it("shows a time to the minute in UTC", () => {
    expect(utcMinuteText("2026-03-01T14:05:59.000Z")).toBe("2026-03-01 14:05");
  });
});
