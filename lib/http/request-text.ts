import { BadRequestError } from "@/lib/errors";
import { CONTROL_CHARACTERS } from "@/lib/validation";
import { matchRoute } from "./route-table";

// Text no field may hold, refused where a request comes in and named by its
// field: bytes that are not UTF-8 (a broken %-escape, an encoded lone
// surrogate), NUL (PostgreSQL cannot store it in text), and lone UTF-16
// surrogates (JSON can spell them; UTF-8 cannot). Pure: the collector listener,
// the production server's edge and the route handlers share it.

const NUL = "\u0000";
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with a string as stored text, or null. */
export function textProblem(value: string): string | null {
  if (value.includes(NUL)) return "must not contain NUL characters";
  if (LONE_SURROGATE.test(value)) return "is not valid Unicode (it holds a lone UTF-16 surrogate)";
  return null;
}

/** Decodes one %-encoded URL component; null when an escape is broken or the bytes are not UTF-8. */
export function decodeComponent(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** A request target split into its raw path and query (origin-form, or absolute-form as a proxy sends it). */
export function splitTarget(target: string): { path: string; query: string } {
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(target);
  const rest = absolute ? target.slice(absolute[0].length) || "/" : target;
  const hash = rest.indexOf("#");
  const withoutHash = hash < 0 ? rest : rest.slice(0, hash);
  const question = withoutHash.indexOf("?");
  return question < 0 ? { path: withoutHash, query: "" } : { path: withoutHash.slice(0, question), query: withoutHash.slice(question + 1) };
}

/**
 * The decoded segments of a raw path. A segment that does not decode, or
 * decodes to a control character, is refused naming `fieldOf(index)` (a route
 * parameter such as "id", or "path").
 */
export function decodePath(rawPath: string, fieldOf: (index: number) => string = () => "path"): string[] {
  return rawPath.split("/").map((raw, index) => {
    const decoded = decodeComponent(raw);
    if (decoded === null) {
      throw new BadRequestError(`${fieldOf(index)}: is not valid %-encoded UTF-8 (${raw.slice(0, 40)})`, "bad_path", fieldOf(index));
    }
    if (CONTROL_CHARACTERS.test(decoded)) {
      throw new BadRequestError(`${fieldOf(index)}: must not contain control characters such as NUL`, "bad_path", fieldOf(index));
    }
    return decoded;
  });
}

/** Refuses a raw query string with a broken %-escape, bytes that are not UTF-8, or a NUL, naming the parameter. */
export function checkQuery(rawQuery: string): void {
  if (rawQuery === "") return;
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const equals = pair.indexOf("=");
    const rawKey = equals < 0 ? pair : pair.slice(0, equals);
    const rawValue = equals < 0 ? "" : pair.slice(equals + 1);
    const key = decodeComponent(rawKey.replace(/\+/g, " "));
    const value = decodeComponent(rawValue.replace(/\+/g, " "));
    const field = key !== null && key.length <= 100 && !key.includes(NUL) ? key : "query";
    if (key === null || value === null) {
      throw new BadRequestError(`${field}: is not valid %-encoded UTF-8`, "bad_query", field);
    }
    if (key.includes(NUL) || value.includes(NUL)) {
      throw new BadRequestError(`${field}: must not contain NUL characters`, "bad_query", field);
    }
  }
}

/** Refuses decoded route parameters (as a router hands them over) that hold control characters or lone surrogates. */
export function checkParams(params: Record<string, string | string[] | undefined>): void {
  for (const [name, value] of Object.entries(params)) {
    for (const part of Array.isArray(value) ? value : [value ?? ""]) {
      const problem = CONTROL_CHARACTERS.test(part) ? "must not contain control characters such as NUL" : textProblem(part);
      if (problem) throw new BadRequestError(`${name}: ${problem}`, "bad_path", name);
    }
  }
}

/** Refuses a request's path and query (see decodePath, checkQuery); a bad route parameter is named, e.g. "id". */
export function checkTarget(target: string): void {
  const { path, query } = splitTarget(target);
  decodePath(path, matchRoute(path.split("/"))?.fieldOf);
  checkQuery(query);
}

// In JSON only the escapes \u0000 and \ud800–\udfff can spell NUL or a surrogate
// (raw control characters are not valid JSON, and text is decoded as UTF-8).
const SUSPECT_ESCAPE = /\\u(0000|d[89a-f])/i;

interface Visit {
  value: unknown;
  key: string | null;
  parent: Visit | null;
}

function pathOf(visit: Visit, last?: string): string {
  const keys: string[] = last === undefined ? [] : [last];
  for (let at: Visit | null = visit; at && at.key !== null; at = at.parent) keys.push(at.key);
  return keys.reverse().join(".") || "body";
}

/** The first string in a parsed JSON value (key or value) that is not storable text, and why; iterative, as bodies nest deep. */
function findBadText(root: unknown): { field: string; problem: string } | null {
  const stack: Visit[] = [{ value: root, key: null, parent: null }];
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    const { value } = visit;
    if (typeof value === "string") {
      const problem = textProblem(value);
      if (problem) return { field: pathOf(visit), problem };
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, index) => [String(index), item]) : Object.entries(value);
    for (const [key, item] of entries.reverse()) {
      const keyProblem = Array.isArray(value) ? null : textProblem(key);
      if (keyProblem) return { field: pathOf(visit, "(key)"), problem: keyProblem };
      stack.push({ value: item, key, parent: visit });
    }
  }
  return null;
}

/** Refuses a parsed JSON body holding a NUL or a lone surrogate anywhere, naming the field. */
export function checkJsonText(rawText: string, parsed: unknown): void {
  if (!SUSPECT_ESCAPE.test(rawText)) return;
  const found = findBadText(parsed);
  if (found) throw new BadRequestError(`${found.field}: ${found.problem}`, "bad_text", found.field);
}
