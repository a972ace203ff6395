import { describe, expect, it } from "vitest";
import { formatMinutes, formatShare, tenantTable } from "@/lib/history/compliance-tables";
import { parseCsv, toCsv } from "@/lib/history/csv";
import type { ComplianceReport } from "@/lib/history/get-compliance-report";

describe("formatting", () => {
  it.each([
    [null, "—"],
    [1, "100.0 %"],
    [0.99999, "99.9 %"],
    [0.5, "50.0 %"],
    [0, "0.0 %"],
  ])("share %s reads %s", (share, text) => {
    expect(formatShare(share)).toBe(text);
  });

  it.each([
    [null, "—"],
    [0, "0 min"],
    [59, "59 min"],
    [61, "1 h 1 min"],
    [1440 * 2 + 60 * 3 + 5, "2 d 3 h"],
  ])("%s minutes read %s", (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});

describe("CSV", () => {
  it("quotes separators and quotes, and defuses spreadsheet formulas in names", () => {
    const csv = toCsv(["Tenant", "Share"], [["=HYPERLINK(\"x\")", "50.0 %"], ["acme, inc", "-3"], ['say "hi"', null]]);
    expect(csv).toBe('Tenant,Share\r\n"\'=HYPERLINK(""x"")",50.0 %\r\n"acme, inc",-3\r\n"say ""hi""",\r\n');
    expect(parseCsv(csv)).toEqual([["Tenant", "Share"], ["'=HYPERLINK(\"x\")", "50.0 %"], ["acme, inc", "-3"], ['say "hi"', ""]]);
  });

  it("writes the same rows the tenant table shows", () => {
    const totals = { appliances: 4, mustSend: 40, compliant: 30, minutesFailing: 95, nearDisconnects: 1, disconnects: 0, recoveries: 2, recoveryMinutes: 300 };
    const report = { byTenant: [{ key: "", ...totals }, { key: "acme", ...totals, recoveries: 0, recoveryMinutes: 0 }] } as unknown as ComplianceReport;
    const table = tenantTable(report);
    expect(table.rows).toEqual([
      ["(no tenant)", "4", "75.0 %", "1 h 35 min", "1", "0", "2", "2 h 30 min"],
      ["acme", "4", "75.0 %", "1 h 35 min", "1", "0", "0", "—"],
    ]);
    expect(parseCsv(toCsv(table.columns, table.rows))).toEqual([table.columns, ...table.rows]);
  });
});
