import { describe, expect, it } from "vitest";
import { applianceTable, dailyTable, displayCell, tableCsvRows, tenantTable } from "@/lib/history/compliance-tables";
import { parseCsv, toCsv } from "@/lib/csv/csv";
import type { ComplianceReport } from "@/lib/history/get-compliance-report";

const totals = { appliances: 4, mustSend: 3, compliant: 2, minutesFailing: 95, nearDisconnects: 1, disconnects: 0, recoveries: 2, recoveryMinutes: 301 };

describe("CSV", () => {
  it("quotes separators and quotes, defuses spreadsheet formulas in names, and writes numbers plainly", () => {
    const csv = toCsv(["Tenant", "Share (0-1)"], [["=HYPERLINK(\"x\")", 0.5], ["acme, inc", -3], ['say "hi"', null], ["tiny", 0.0000001]]);
    expect(csv).toBe('Tenant,Share (0-1)\r\n"\'=HYPERLINK(""x"")",0.5\r\n"acme, inc",-3\r\n"say ""hi""",\r\ntiny,0.0000001\r\n');
    expect(parseCsv(csv)).toEqual([["Tenant", "Share (0-1)"], ["'=HYPERLINK(\"x\")", "0.5"], ["acme, inc", "-3"], ['say "hi"', ""], ["tiny", "0.0000001"]]);
  });

  it("writes the rows the tenant table shows, as numbers with units in the header", () => {
    const report = { byTenant: [{ key: "", ...totals }, { key: "acme", ...totals, recoveries: 0, recoveryMinutes: 0 }] } as unknown as ComplianceReport;
    const table = tenantTable(report);
    expect(table.rows.map((row) => row.map((cell, index) => displayCell(table.columns[index].kind, cell)))).toEqual([
      ["(no tenant)", "4", "3", "2", "66.7 %", "1 h 35 min", "1", "0", "2", "2 h 31 min"],
      ["acme", "4", "3", "2", "66.7 %", "1 h 35 min", "1", "0", "0", "—"],
    ]);
    const { header, rows } = tableCsvRows(table);
    expect(header).toEqual([
      "Tenant",
      "Appliances",
      "Appliance-days to send",
      "Compliant appliance-days",
      "Compliant share (0-1)",
      "Time failing (min)",
      "Near-disconnects",
      "Disconnects",
      "Recoveries",
      "Mean time to recover (min)",
    ]);
    expect(parseCsv(toCsv(header, rows)).slice(1)).toEqual([
      ["(no tenant)", "4", "3", "2", "0.6667", "95", "1", "0", "2", "151"],
      ["acme", "4", "3", "2", "0.6667", "95", "1", "0", "0", ""],
    ]);
  });

  it("lists appliances with the day they count from, and leaves missing tags empty in the CSV", () => {
    const report = {
      applianceFilter: "all",
      byAppliance: [
        { applianceId: "a", name: "zvm-late", tenant: "", region: "ams", countedFrom: "2026-10-16", mustSend: 16, compliant: 16, minutesFailing: 0, nearDisconnects: 0, disconnects: 0, recoveries: 0, recoveryMinutes: 0 },
      ],
    } as unknown as ComplianceReport;
    const table = applianceTable(report);
    expect(tableCsvRows(table).rows).toEqual([["zvm-late", null, "ams", "2026-10-16", 16, 16, 1, 0, 0, 0, 0, null]]);
    expect(displayCell(table.columns[6].kind, table.rows[0][6])).toBe("100.0 %");
    expect(table.links).toEqual(["/appliances/a"]);
  });

  it("marks today's row as so far, newest day first", () => {
    const day = (key: string, partial: boolean) => ({ day: key, recorded: true, partial, ...totals });
    const table = dailyTable({ daily: [day("2026-11-24", false), { ...day("2026-11-23", false), recorded: false }, day("2026-11-25", true)] } as ComplianceReport);
    expect(table.rows.map((row) => row[0])).toEqual(["2026-11-25", "2026-11-24"]);
    expect(table.notes).toEqual(["today, so far", null]);
  });
});
