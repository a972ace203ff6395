import { parseZvmTime } from "./parse-time";

// ZVM answers are read field by field: Windows and Linux ZVMs write the same
// fields in PascalCase or camelCase, versions write enums as names or numbers,
// and one odd value must cost only that value. A value that cannot be read
// becomes null and a warning the poll keeps beside its result.

/** Collects what could not be read, as sentences an operator can act on. */
export type Warn = (message: string) => void;

/** A JSON object's fields by lower-cased name; of two names differing only in case the first wins. */
export type Fields = ReadonlyMap<string, unknown>;

export function fieldsOf(value: unknown): Fields | null {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
  const fields = new Map<string, unknown>();
  for (const [key, item] of Object.entries(value)) {
    const name = key.toLowerCase();
    if (!fields.has(name)) fields.set(name, item);
  }
  return fields;
}

/** The first of several spellings that is present (e.g. `AlertIdentifier`, then `Identifier`). */
export function fieldValue(fields: Fields, ...names: string[]): unknown {
  for (const name of names) {
    const value = fields.get(name.toLowerCase());
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Shows a value in a warning: short, on one line, without control characters. */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, " ");
  return clean.length > 60 ? `${clean.slice(0, 57)}…` : clean;
}

/** Text, or a number or boolean as text; empty and null are null. */
export function readText(value: unknown, warn: Warn, where: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  warn(`${where}: ${quote(value)} is not text (ignored)`);
  return null;
}

/** A number or numeric text. */
export function readCount(value: unknown, warn: Warn, where: string): number | null {
  if (value === undefined || value === null || value === "") return null;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)) return Number(value);
  warn(`${where}: ${quote(value)} is not a number (ignored)`);
  return null;
}

/** true/false, or their text. */
export function readFlag(value: unknown, warn: Warn, where: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  if (value === 0 || value === 1) return value === 1;
  warn(`${where}: ${quote(value)} is not true or false (ignored)`);
  return null;
}

// .NET's DateTime.MinValue, which ZVMs write for "no time": ISO or WCF.
const NO_TIME = /^0001-01-01(?:[T ]00:00:00(?:\.0+)?)?(?:Z|[+-]00:?00)?$/i;
const WCF_MIN = -62_135_596_800_000;

/** A ZVM time (ISO with or without offset, WCF `/Date(…)/`); .NET's minimum date means none. */
export function readTime(value: unknown, warn: Warn, where: string): Date | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") {
    warn(`${where}: ${quote(value)} is not a time (ignored)`);
    return null;
  }
  const text = value.trim();
  if (text === "" || NO_TIME.test(text)) return null;
  const parsed = parseZvmTime(text);
  if (parsed === null) {
    warn(`${where}: ${quote(value)} is not a time (ignored)`);
    return null;
  }
  return parsed.getTime() <= WCF_MIN ? null : parsed;
}

/** A link's identifier (`{identifier, href, type}`), or the link written as plain text. */
export function readLink(value: unknown, warn: Warn, where: string): { identifier: string | null; type: string | null } {
  if (value === undefined || value === null) return { identifier: null, type: null };
  if (typeof value === "string") return { identifier: value.trim() === "" ? null : value, type: null };
  const fields = fieldsOf(value);
  if (fields === null) {
    warn(`${where}: ${quote(value)} is not a link (ignored)`);
    return { identifier: null, type: null };
  }
  return {
    identifier: readText(fields.get("identifier"), warn, `${where}.identifier`),
    type: readText(fields.get("type"), warn, `${where}.type`),
  };
}
