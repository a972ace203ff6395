import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/history/csv";

describe("parseCsv", () => {
  it.each([
    { name: "plain", text: "a,b\n1,2\n", rows: [["a", "b"], ["1", "2"]] },
    { name: "CRLF and no final newline", text: "a,b\r\n1,2", rows: [["a", "b"], ["1", "2"]] },
    { name: "quoted comma and quote", text: 'a,b\n"x, y","say ""hi"""\n', rows: [["a", "b"], ["x, y", 'say "hi"']] },
    { name: "quoted newline", text: 'a\n"line1\nline2"\n', rows: [["a"], ["line1\nline2"]] },
    { name: "blank lines dropped", text: "a\n\n1\n\n", rows: [["a"], ["1"]] },
    { name: "empty fields kept", text: "a,b,c\n1,,3\n", rows: [["a", "b", "c"], ["1", "", "3"]] },
  ])("$name", ({ text, rows }) => {
    expect(parseCsv(text)).toEqual(rows);
  });

  it("names an unclosed quote", () => {
    expect(() => parseCsv('a\n"open')).toThrow(/not closed/);
  });
});
