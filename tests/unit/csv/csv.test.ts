import { describe, expect, it } from "vitest";
import { csvCell, parseCsv, toCsv } from "@/lib/csv/csv";

describe("parseCsv", () => {
  it.each([
    { name: "plain", text: "a,b\n1,2\n", rows: [["a", "b"], ["1", "2"]] },
    { name: "CRLF and no final newline", text: "a,b\r\n1,2", rows: [["a", "b"], ["1", "2"]] },
    { name: "a lone CR ends a line too", text: "a,b\r1,2\r", rows: [["a", "b"], ["1", "2"]] },
    { name: "a byte-order mark is not part of the first cell", text: "\uFEFFname,kind\r\nzvm1,zvm\r\n", rows: [["name", "kind"], ["zvm1", "zvm"]] },
    { name: "only a leading byte-order mark is dropped", text: "a\n\uFEFFb\n", rows: [["a"], ["\uFEFFb"]] },
    { name: "quoted comma and quote", text: 'a,b\n"x, y","say ""hi"""\n', rows: [["a", "b"], ["x, y", 'say "hi"']] },
    { name: "quoted newline", text: 'a\n"line1\nline2"\n', rows: [["a"], ["line1\nline2"]] },
    { name: "quoted CRLF kept as written", text: 'a\r\n"line1\r\nline2"\r\n', rows: [["a"], ["line1\r\nline2"]] },
    { name: "an empty quoted field", text: 'a,"",c\n', rows: [["a", "", "c"]] },
    { name: "a quote inside an unquoted field is text", text: 'a,5" disk\n', rows: [["a", '5" disk']] },
    { name: "blank lines dropped", text: "a\n\n1\n\n", rows: [["a"], ["1"]] },
    { name: "empty fields kept", text: "a,b,c\n1,,3\n", rows: [["a", "b", "c"], ["1", "", "3"]] },
    { name: "a trailing empty field kept", text: "a,b,\n", rows: [["a", "b", ""]] },
    { name: "empty text", text: "", rows: [] },
  ])("$name", ({ text, rows }) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it("names an unclosed quote", () => {
    expect(() => parseCsv('a\n"open')).toThrow(/not closed/);
  });
});

describe("toCsv", () => {
  it("ends every line with CRLF and quotes only what needs it", () => {
    expect(toCsv(["a", "b"], [["x", "y, z"], ['say "hi"', "two\nlines"]])).toBe('a,b\r\nx,"y, z"\r\n"say ""hi""","two\nlines"\r\n');
  });

  it.each([
    [null, ""],
    [undefined, ""],
    [true, "true"],
    [0.5, "0.5"],
    [-3, "-3"],
    [0.0000001, "0.0000001"],
    [Number.NaN, ""],
    ["=SUM(A1)", "'=SUM(A1)"],
    ["@cmd", "'@cmd"],
    ["-12.5", "-12.5"],
    ["+1 555", "'+1 555"],
  ])("writes %o as %s", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("reads back what it writes", () => {
    const rows = [["acme, inc", 'a "quoted" name', "line\r\nbreak", "", "plain"]];
    expect(parseCsv(toCsv(["1", "2", "3", "4", "5"], rows))).toEqual([["1", "2", "3", "4", "5"], rows[0]]);
  });
});
