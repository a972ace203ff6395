import { ValidationError } from "@/lib/errors";

// Pure: RFC 4180 CSV, the one reader and writer of the product (exports, the
// appliance import, tests). A cell that a spreadsheet would run as a formula
// (=, +, -, @ first) is prefixed with ' so tenant or appliance names cannot
// inject one; numbers are written as numbers.

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?\d+(\.\d+)?$/;

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    // Never exponent notation (1e-7): every spreadsheet reads plain decimals the same way.
    const plain = String(value);
    value = plain.includes("e") ? value.toFixed(12).replace(/\.?0+$/, "") : plain;
  }
  let text = String(value);
  if (FORMULA_START.test(text) && !NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [columns, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/**
 * Reads CSV: quoted fields (a quote opens a field only at its start), doubled
 * quotes, CRLF or LF line ends, a leading byte-order mark (spreadsheets write one);
 * empty lines are skipped. An unclosed quote is an error.
 */
export function parseCsv(input: string): string[][] {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endRow = () => {
    row.push(cell);
    if (row.length > 1 || row[0] !== "") rows.push(row);
    row = [];
    cell = "";
  };
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === "") quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[index + 1] === "\n") index += 1;
      endRow();
    } else cell += char;
  }
  if (quoted) throw new ValidationError("a quoted field is not closed");
  if (cell !== "" || row.length > 0) endRow();
  return rows;
}
