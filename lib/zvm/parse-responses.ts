import { ZvmError } from "./errors";
import { fieldValue, fieldsOf, quote, readCount, readFlag, readLink, readText, readTime, type Warn } from "./read-fields";
import { VRA_INSTALL_STATES, type LicenseInfo, type LocalSiteInfo, type ZvmAlert, type ZvmVraSummary } from "./types";

// Each answer is read field by field (see read-fields.ts). Only what Lifeline
// cannot do without fails: an alert list that is not a list, a time answer
// that is not a time, a sign-in answer without a token. Everything else that
// is odd becomes a warning and a null.

export function parseLocalSite(json: unknown, warn: Warn): LocalSiteInfo | null {
  const site = fieldsOf(json);
  if (site === null) {
    warn(`localsite: the answer ${quote(json)} is not an object (site facts kept from the last poll)`);
    return null;
  }
  const link = readLink(site.get("link"), warn, "localsite.Link");
  return {
    siteName: readText(site.get("sitename"), warn, "localsite.SiteName"),
    siteIdentifier: readText(site.get("siteidentifier"), warn, "localsite.SiteIdentifier") ?? link.identifier,
    version: readText(site.get("version"), warn, "localsite.Version"),
    displayVersion: readText(site.get("displayversion"), warn, "localsite.DisplayVersion"),
    siteType: readText(site.get("sitetype"), warn, "localsite.SiteType"),
  };
}

/** `/v1/license`; some Linux ZVMs answer 204 without content when they hold no licence. */
export function parseLicense(json: unknown, warn: Warn): LicenseInfo | null {
  if (json === undefined) {
    warn("license: the ZVM answered without content (no licence information; licence treated as unknown)");
    return { licenseType: null, licenseExpiry: null, maxVms: null, totalVmsCount: null };
  }
  const license = fieldsOf(json);
  if (license === null) {
    warn(`license: the answer ${quote(json)} is not an object (licence kept from the last poll)`);
    return null;
  }
  const details = fieldsOf(license.get("details"));
  const usage = fieldsOf(license.get("usage"));
  if (details === null && license.get("details") != null) warn(`license.Details: ${quote(license.get("details"))} is not an object (ignored)`);
  return {
    licenseType: details ? readLicenseType(details.get("licensetype"), warn) : null,
    licenseExpiry: details ? readTime(details.get("expirytime"), warn, "license.Details.ExpiryTime") : null,
    maxVms: details ? readCount(details.get("maxvms"), warn, "license.Details.MaxVms") : null,
    totalVmsCount: usage ? readCount(usage.get("totalvmscount"), warn, "license.Usage.TotalVmsCount") : null,
  };
}

// LicenseType is text in every published answer; no numbering of it is public,
// so a number cannot be named and the licence counts as unknown (assumed to send).
function readLicenseType(value: unknown, warn: Warn): string | null {
  if (typeof value === "number") {
    warn(`license.Details.LicenseType: ${value} is a number Lifeline cannot name (licence treated as unknown)`);
    return null;
  }
  return readText(value, warn, "license.Details.LicenseType");
}

// The SDK's enums (ZertoAlertLevel, ZertoAlertEntity), for versions that write numbers.
const ALERT_LEVELS = ["Warning", "Error"];
const ALERT_ENTITIES = ["Zvm", "Vra", "Vpg", "CloudConnector", "Storage", "License", "Zcm", "FileRecoveryComponent"];

function readNamed(value: unknown, names: readonly string[], warn: Warn, where: string): string | null {
  if (typeof value === "number" && Number.isInteger(value)) return names[value] ?? String(value);
  return readText(value, warn, where);
}

/**
 * The alert list, every site's alerts included. A list is required (without it
 * nothing can be said about billing); an odd field costs only that field.
 */
export function parseAlerts(json: unknown, warn: Warn): ZvmAlert[] {
  if (!Array.isArray(json)) throw new ZvmError("bad-response", `/v1/alerts did not answer a list but ${quote(json)}.`);
  const alerts: ZvmAlert[] = [];
  json.forEach((item, index) => {
    const alert = fieldsOf(item);
    if (alert === null) {
      warn(`alerts[${index}]: ${quote(item)} is not an alert object (ignored)`);
      return;
    }
    const helpIdentifier = readText(alert.get("helpidentifier"), warn, `alerts[${index}].HelpIdentifier`);
    const where = `alerts[${index}]${helpIdentifier ? ` (${helpIdentifier})` : ""}`;
    const link = readLink(alert.get("link"), warn, `${where}.Link`);
    const site = readLink(alert.get("site"), warn, `${where}.Site`);
    alerts.push({
      identifier: readText(fieldValue(alert, "alertidentifier", "identifier"), warn, `${where}.AlertIdentifier`) ?? link.identifier,
      level: readNamed(alert.get("level"), ALERT_LEVELS, warn, `${where}.Level`),
      entity: readNamed(alert.get("entity"), ALERT_ENTITIES, warn, `${where}.Entity`),
      helpIdentifier,
      description: readText(alert.get("description"), warn, `${where}.Description`),
      turnedOn: readTime(alert.get("turnedon"), warn, `${where}.TurnedOn`),
      isDismissed: readFlag(alert.get("isdismissed"), warn, `${where}.IsDismissed`) ?? false,
      site: site.identifier,
      siteType: site.type,
    });
  });
  return alerts;
}

/** The ZVM's clock: a JSON string (ISO or WCF), or an object holding one. */
export function parseServerTime(json: unknown): Date {
  const holder = fieldsOf(json);
  const value = holder ? fieldValue(holder, "serverdatetimeutc", "utc", "datetime", "value") : json;
  let problem: string | null = null;
  const time = readTime(value, (message) => (problem = message), "serverDateTimeUtc");
  if (time === null) {
    throw new ZvmError("bad-response", `/v1/serverDateTime/serverDateTimeUtc: ${problem ?? `${quote(json)} is not a time`}.`);
  }
  return time;
}

/**
 * VRAs by install state (VraStatus: 0 Installed … 8 DuringChangeHost). These
 * are not connection states: whether the ZVM talks to its VRAs shows in alerts.
 */
export function parseVras(json: unknown, warn: Warn): ZvmVraSummary | null {
  if (!Array.isArray(json)) {
    warn(`vras: the answer ${quote(json)} is not a list (VRAs not shown)`);
    return null;
  }
  const states: Record<string, number> = {};
  json.forEach((item, index) => {
    const vra = fieldsOf(item);
    const state = vra === null ? null : vraStateOf(fieldValue(vra, "status", "vrastatus"));
    if (state === null) warn(`vras[${index}]: status ${quote(vra?.get("status") ?? item)} is not a VRA install state (counted as unknown)`);
    const name = state ?? "Unknown";
    states[name] = (states[name] ?? 0) + 1;
  });
  return { total: json.length, states };
}

function vraStateOf(value: unknown): string | null {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return VRA_INSTALL_STATES[value] ?? `Status ${value}`;
  if (typeof value === "string") {
    const text = value.trim();
    if (/^\d+$/.test(text)) return vraStateOf(Number(text));
    const known = VRA_INSTALL_STATES.find((state) => state.toLowerCase() === text.replace(/[\s_-]/g, "").toLowerCase());
    return known ?? (text === "" ? null : text.slice(0, 40));
  }
  return null;
}

export type SendUsageAnswer = { result: "passed" | "failed"; detail: string } | { result: "unrecognised"; detail: string };

/**
 * A 2xx answer to sendUsage: Windows `["Passed"]` / `["Failed"]` (or the bare
 * word); Linux an empty 200/204. Anything else proves nothing either way.
 */
export function parseSendUsage(json: unknown, status: number): SendUsageAnswer {
  if (json === undefined) return { result: "passed", detail: `the ZVM accepted the send (HTTP ${status}, no content)` };
  const single = Array.isArray(json) && json.length === 1 ? json[0] : json;
  const holder = fieldsOf(single);
  const value = holder ? fieldValue(holder, "result", "status", "value") : single;
  if (typeof value === "string") {
    const word = value.trim().toLowerCase();
    if (word === "passed" || word === "success" || word === "succeeded") return { result: "passed", detail: `the ZVM answered ${value.trim()}` };
    if (word === "failed" || word === "failure") return { result: "failed", detail: `the ZVM answered ${value.trim()}: its send to Zerto's billing server failed` };
  }
  return { result: "unrecognised", detail: `the ZVM answered ${quote(json)}, which Lifeline does not recognise as Passed or Failed` };
}

/** The ZVM's own words from an error answer (`Message`, `error_description`, `error`, or short text). */
export function errorMessageOf(body: Buffer): string | null {
  const text = body.toString("utf8").replace(/^\uFEFF/, "").trim();
  if (text === "") return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return /<html/i.test(text) ? null : clean(text);
  }
  const fields = fieldsOf(json);
  if (fields === null) return typeof json === "string" ? clean(json) : null;
  const found = fieldValue(fields, "message", "error_description", "errormessage", "detail", "title", "error");
  return typeof found === "string" && found.trim() !== "" ? clean(found) : null;
}

function clean(text: string): string {
  const line = text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim().replace(/\.+$/, "");
  return line.length > 200 ? `${line.slice(0, 197)}…` : line;
}

export function parseKeycloakToken(json: unknown): { accessToken: string; expiresInSeconds: number | null } {
  const token = fieldsOf(json);
  const accessToken = token?.get("access_token");
  if (typeof accessToken !== "string" || accessToken === "") {
    throw new ZvmError("bad-response", "the ZVM's sign-in answer carried no access token.");
  }
  const expires = readCount(token?.get("expires_in"), () => undefined, "expires_in");
  return { accessToken, expiresInSeconds: expires !== null && expires > 0 ? expires : null };
}
