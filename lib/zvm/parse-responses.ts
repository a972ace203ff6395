import { z } from "zod";
import { caseInsensitiveObject } from "./case-insensitive";
import { ZvmError } from "./errors";
import { parseZvmTime } from "./parse-time";
import type { ZvmAlert, ZvmVraSummary } from "./types";

// Lenient on purpose: only the fields we use are read, unknown ones are
// dropped, and enum-like fields may come as strings or numbers by version.
const text = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : String(value)));

const count = z
  .union([z.number(), z.string().regex(/^-?\d+(?:\.\d+)?$/).transform(Number)])
  .nullish()
  .transform((value) => value ?? null);

const time = z
  .string()
  .nullish()
  .transform((value, ctx) => {
    if (value === null || value === undefined || value.trim() === "") return null;
    const parsed = parseZvmTime(value);
    if (parsed === null) {
      ctx.addIssue({ code: "custom", message: "unparseable time" });
      return z.NEVER;
    }
    return parsed;
  });

const linkSchema = caseInsensitiveObject({ identifier: text, href: text });

const localSiteSchema = caseInsensitiveObject({
  siteName: text,
  siteIdentifier: text,
  link: linkSchema.nullish(),
  version: text,
  displayVersion: text,
  siteType: text,
});

const licenseSchema = caseInsensitiveObject({
  details: caseInsensitiveObject({ licenseType: text, expiryTime: time, maxVms: count }).nullish(),
  usage: caseInsensitiveObject({ totalVmsCount: count }).nullish(),
});

const alertSchema = caseInsensitiveObject({
  alertIdentifier: text,
  identifier: text,
  link: linkSchema.nullish(),
  level: text,
  entity: text,
  helpIdentifier: text,
  description: text,
  turnedOn: time,
  isDismissed: z.boolean().nullish(),
  site: z.union([z.string(), linkSchema]).nullish(),
});

const vraSchema = caseInsensitiveObject({ status: z.union([z.number(), z.string()]).nullish() });

const keycloakTokenSchema = caseInsensitiveObject({
  access_token: z.string().min(1),
  expires_in: count,
});

export interface LocalSiteInfo {
  siteName: string | null;
  siteIdentifier: string | null;
  version: string | null;
  displayVersion: string | null;
  siteType: string | null;
}

export interface LicenseInfo {
  licenseType: string | null;
  licenseExpiry: Date | null;
  maxVms: number | null;
  totalVmsCount: number | null;
}

function parseWith<S extends z.ZodType>(schema: S, json: unknown, what: string): z.output<S> {
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
    throw new ZvmError("bad-response", `bad response: ${what}${where}`);
  }
  return result.data;
}

export function parseLocalSite(json: unknown): LocalSiteInfo {
  const site = parseWith(localSiteSchema, json, "localsite");
  return {
    siteName: site.siteName,
    siteIdentifier: site.siteIdentifier ?? site.link?.identifier ?? null,
    version: site.version,
    displayVersion: site.displayVersion,
    siteType: site.siteType,
  };
}

export function parseLicense(json: unknown): LicenseInfo {
  const license = parseWith(licenseSchema, json, "license");
  return {
    licenseType: license.details?.licenseType ?? null,
    licenseExpiry: license.details?.expiryTime ?? null,
    maxVms: license.details?.maxVms ?? null,
    totalVmsCount: license.usage?.totalVmsCount ?? null,
  };
}

export function parseAlerts(json: unknown): ZvmAlert[] {
  return parseWith(z.array(alertSchema), json, "alerts").map((alert) => ({
    identifier: alert.alertIdentifier ?? alert.identifier ?? alert.link?.identifier ?? null,
    level: alert.level,
    entity: alert.entity,
    helpIdentifier: alert.helpIdentifier,
    description: alert.description,
    turnedOn: alert.turnedOn,
    isDismissed: alert.isDismissed ?? false,
    site: typeof alert.site === "string" ? alert.site : (alert.site?.identifier ?? null),
  }));
}

export function parseServerTime(json: unknown): Date {
  const value = parseWith(time, json, "serverDateTimeUtc");
  if (value === null) throw new ZvmError("bad-response", "bad response: serverDateTimeUtc");
  return value;
}

// The public VraStatus enum has no "disconnected" value (0 = Installed, then
// install/remove/error states), so every VRA not in state Installed counts.
export function parseVras(json: unknown): ZvmVraSummary {
  const vras = parseWith(z.array(vraSchema), json, "vras");
  const installed = (status: number | string | null | undefined) =>
    status === 0 || (typeof status === "string" && /^(0|installed)$/i.test(status.trim()));
  return { total: vras.length, notConnected: vras.filter((vra) => !installed(vra.status)).length };
}

/** `["Passed"]`, `["Failed"]` or the bare string; an empty 2xx body counts as passed. */
export function parseSendUsage(json: unknown): { result: "passed" | "failed"; detail: string } {
  if (json === undefined) return { result: "passed", detail: "accepted" };
  const value = Array.isArray(json) && json.length === 1 ? json[0] : json;
  if (typeof value === "string") {
    const word = value.trim().toLowerCase();
    if (word === "passed" || word === "success" || word === "succeeded") return { result: "passed", detail: value };
    if (word === "failed" || word === "failure") return { result: "failed", detail: value };
  }
  throw new ZvmError("bad-response", "bad response: sendUsage");
}

export function parseKeycloakToken(json: unknown): { accessToken: string; expiresInSeconds: number | null } {
  const token = parseWith(keycloakTokenSchema, json, "token");
  return { accessToken: token.access_token, expiresInSeconds: token.expires_in };
}
