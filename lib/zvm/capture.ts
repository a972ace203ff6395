// The capture format: what a ZVM answered to every call the poller makes, so
// that a real site can become a test fixture and be served again by the
// simulator (`--replay`). Plain data and pure functions only: the simulator
// reads this file without the rest of lib/.

export const CAPTURE_FORMAT = "lifeline-zvm-capture/1";
export const REDACTED = "[redacted]";

export interface CapturedExchange {
  method: string;
  /** The path below the ZVM's base URL, query included, e.g. /v1/alerts. */
  path: string;
  status: number;
  /** Response headers, credentials removed. */
  headers: Record<string, string>;
  /** The response body as text (UTF-8), or base64 when bodyEncoding says so. */
  body: string;
  bodyEncoding?: "base64";
}

export interface ZvmCapture {
  format: typeof CAPTURE_FORMAT;
  /** Where the capture came from (a hand-made fixture says so). */
  note: string;
  /** When the ZVM was read: the replay moves every time in the answers by (now − capturedAt). */
  capturedAt: string;
  /** The sign-in method that worked, when one did. */
  authScheme: string | null;
  exchanges: CapturedExchange[];
  /** For fixtures: what Lifeline should conclude at capturedAt. */
  expected?: Record<string, unknown>;
}

/** Headers that carry a credential or session: their value never reaches a capture. */
const SECRET_HEADERS = new Set(["authorization", "x-zerto-session", "set-cookie", "cookie", "proxy-authorization"]);
/** JSON fields whose value is a credential, a token or a licence key (compared lower-cased). */
const SECRET_FIELDS = new Set([
  "access_token",
  "refresh_token",
  "id_token",
  "session_state",
  "client_secret",
  "password",
  "licensekey",
  "token",
  "x-zerto-session",
]);

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    if (key === "set-cookie" || key === "cookie") continue;
    out[key] = SECRET_HEADERS.has(key) ? REDACTED : Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** A body with every secret field's value replaced; text that is not JSON is kept as it is. */
export function redactBody(text: string): string {
  if (text.trim() === "") return text;
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return text;
  }
  return JSON.stringify(redactValue(json));
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_FIELDS.has(key.toLowerCase()) && item !== null ? REDACTED : redactValue(item)]),
  );
}

/** One exchange as a capture keeps it: path relative to the base, credentials gone. */
export function capturedExchange(
  exchange: { method: string; path: string; status: number; headers: Record<string, string | string[] | undefined>; body: Buffer },
  basePath: string,
): CapturedExchange {
  const prefix = basePath.replace(/\/+$/, "");
  const path = prefix !== "" && exchange.path.startsWith(prefix) ? exchange.path.slice(prefix.length) || "/" : exchange.path;
  const text = exchange.body.toString("utf8");
  const isText = Buffer.from(text, "utf8").equals(exchange.body);
  return {
    method: exchange.method,
    path,
    status: exchange.status,
    headers: redactHeaders(exchange.headers),
    ...(isText ? { body: redactBody(text) } : { body: exchange.body.toString("base64"), bodyEncoding: "base64" as const }),
  };
}

/** Reads a capture file's JSON; a clear error names what is wrong. */
export function parseCapture(json: unknown, source: string): ZvmCapture {
  const fail = (what: string): never => {
    throw new Error(`${source}: ${what}`);
  };
  if (json === null || typeof json !== "object" || Array.isArray(json)) fail("not a capture (expected a JSON object)");
  const capture = json as Partial<ZvmCapture>;
  if (capture.format !== CAPTURE_FORMAT) fail(`format must be "${CAPTURE_FORMAT}"`);
  if (typeof capture.capturedAt !== "string" || Number.isNaN(Date.parse(capture.capturedAt))) fail("capturedAt must be an ISO time");
  if (!Array.isArray(capture.exchanges) || capture.exchanges.length === 0) fail("exchanges must be a non-empty list");
  capture.exchanges!.forEach((exchange, index) => {
    const where = `exchanges[${index}]`;
    if (typeof exchange?.method !== "string" || typeof exchange.path !== "string" || !exchange.path.startsWith("/")) {
      fail(`${where} needs a method and a path starting with /`);
    }
    if (!Number.isInteger(exchange.status) || exchange.status < 100 || exchange.status > 599) fail(`${where}.status must be an HTTP status`);
    if (typeof exchange.body !== "string") fail(`${where}.body must be text`);
    if (exchange.headers !== undefined && (typeof exchange.headers !== "object" || exchange.headers === null)) fail(`${where}.headers must be an object`);
  });
  return {
    format: CAPTURE_FORMAT,
    note: typeof capture.note === "string" ? capture.note : "",
    capturedAt: capture.capturedAt!,
    authScheme: typeof capture.authScheme === "string" ? capture.authScheme : null,
    exchanges: capture.exchanges!.map((exchange) => ({ ...exchange, headers: exchange.headers ?? {} })),
    ...(capture.expected && typeof capture.expected === "object" ? { expected: capture.expected } : {}),
  };
}

// Times in answers, moved by a replay so that a capture reads as if taken now.
const WCF_TIME = /\\?\/Date\((-?\d+)([+-]\d{4})?\)\\?\//g;
const ISO_TIME = /"(\d{4})-(\d{2})-(\d{2})([T ])(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?"/g;

/**
 * Moves every ZVM time in a body by `deltaMs`, keeping its written form (ISO
 * with Z, with an offset or none, its fractional digits, or WCF). .NET's
 * "no time" (year 1) stays as it is.
 */
export function shiftTimes(text: string, deltaMs: number): string {
  if (deltaMs === 0) return text;
  const shifted = text.replace(WCF_TIME, (match, ms: string, offset: string | undefined) => {
    const value = Number(ms);
    if (value <= -62_135_596_800_000) return match;
    const slash = match.startsWith("\\") ? "\\/" : "/";
    return `${slash}Date(${value + deltaMs}${offset ?? ""})${slash}`;
  });
  return shifted.replace(ISO_TIME, (match, y: string, mo: string, d: string, sep: string, h: string, mi: string, s: string, fraction: string | undefined, zone: string | undefined) => {
    if (y === "0001") return match;
    const offsetMinutes = zoneMinutes(zone);
    const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), fraction ? Math.round(Number(`0${fraction}`) * 1000) : 0) - offsetMinutes * 60_000;
    if (Number.isNaN(utc)) return match;
    const local = new Date(utc + deltaMs + offsetMinutes * 60_000);
    const pad = (n: number, width = 2) => String(n).padStart(width, "0");
    const digits = fraction ? fraction.length - 1 : 0;
    const frac = digits > 0 ? `.${pad(local.getUTCMilliseconds(), 3).padEnd(digits, "0").slice(0, digits)}` : "";
    return `"${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}${sep}${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${frac}${zone ?? ""}"`;
  });
}

function zoneMinutes(zone: string | undefined): number {
  if (zone === undefined || zone === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}
