// ISO 8601 with or without offset (no offset means UTC, as ZVMs report UTC),
// with any number of fractional digits (.NET writes seven), or a date alone.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
// The legacy WCF form; the milliseconds are UTC and the optional offset only
// says which zone the writer was in, so it does not move the instant.
const WCF = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/** Parses a time as ZVMs write it; null when the text is not a time. */
export function parseZvmTime(value: string): Date | null {
  const text = value.trim();
  const wcf = WCF.exec(text);
  if (wcf) return validDate(Number(wcf[1]));
  const iso = ISO.exec(text);
  if (!iso) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", zone] = iso;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const millis = fraction === "" ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const utc = Date.UTC(Number(y), month - 1, day, hour, minute, second, millis);
  if (new Date(utc).getUTCDate() !== day) return null;
  return validDate(utc - offsetMinutes(zone) * 60_000);
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

function validDate(ms: number): Date | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date;
}
