import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import tls from "node:tls";
import { z } from "zod";
import { AlertPatternError, compileAlertPatterns, type AlertPatterns } from "@/lib/billing";
import { alertPatternsSchema } from "@/lib/billing/alert-patterns-schema";
import { ZVM_AUTH_CHOICES, normaliseFingerprint, type ZvmAuthChoice } from "@/lib/zvm";

// The collector's config file. Secrets never sit in it: each names an
// environment variable or a file that only its owner may read.

const secretSchema = z.union(
  [
    z.object({ env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,100}$/, "must be an environment variable name") }).strict(),
    z.object({ file: z.string().min(1).max(4096) }).strict(),
  ],
  { message: 'must be {"env": "VARIABLE"} or {"file": "/path/readable/by/owner/only"}' },
);

const httpsUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" && !url.username && !url.password && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, "must be an https:// URL without credentials or query");

const lifelineUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, "must be an http(s):// URL without credentials or query, e.g. https://lifeline.example.net")
  .transform((value) => value.replace(/\/+$/, ""));

const proxyUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "http:" && !url.username && !url.password && url.pathname === "/" && !url.search;
    } catch {
      return false;
    }
  }, "must be http://host:port (ZVMs use proxies without authentication)");

const endpoint = z
  .string()
  .trim()
  .max(255)
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, "must be host:port, e.g. billing.zerto.example:443");


export const collectorConfigSchema = z
  .object({
    lifeline: z.object({ url: lifelineUrl, token: secretSchema }).strict(),
    /** How often each ZVM is read and a heartbeat sent. Keep it below Lifeline's poll interval. */
    intervalSeconds: z.number().min(1).max(3_600).default(60),
    concurrency: z.number().int().min(1).max(64).default(8),
    zvmTimeoutSeconds: z.number().min(1).max(300).default(20),
    queue: z
      .object({
        /** Heartbeats and results wait here while Lifeline cannot be reached. */
        directory: z.string().min(1).max(4096),
        /** When full, the oldest heartbeats are dropped first (results are kept). */
        maxHeartbeats: z.number().int().min(100).max(10_000_000).default(100_000),
      })
      .strict(),
    zvms: z
      .array(
        z
          .object({
            applianceId: z.uuid({ message: "must be the appliance's id in Lifeline" }),
            name: z.string().min(1).max(100).optional(),
            url: httpsUrl,
            username: z.string().min(1).max(200),
            password: secretSchema,
            /** auto, windows (vCenter credentials), windows-local (the host's account), linux (Keycloak user), linux-client (Keycloak client id + secret). */
            authScheme: z.enum(ZVM_AUTH_CHOICES, { message: `must be one of ${ZVM_AUTH_CHOICES.join(", ")}` }).default("auto"),
            /** The ZVM's certificate; without it the system's CAs must trust the ZVM. */
            tlsFingerprintSha256: z
              .string()
              .max(200)
              .refine((value) => normaliseFingerprint(value) !== null, "must be 64 hex digits, colons allowed")
              .optional(),
          })
          .strict(),
      )
      .min(1)
      .max(5_000),
    billingProbe: z
      .object({
        /** The Zerto 9.0 billing endpoint(s) from Zerto's notice. */
        endpoints: z.array(endpoint).min(1).max(20),
        /** The site's HTTP proxy, if the ZVMs send usage through one. */
        proxy: proxyUrl.optional(),
        intervalSeconds: z.number().min(10).max(86_400).default(300),
        timeoutSeconds: z.number().min(1).max(60).default(10),
        /** PEM file of CAs the ZVMs trust beyond the public ones (a TLS-inspecting proxy's, say). */
        caFile: z.string().min(1).max(1_000).optional(),
      })
      .strict()
      .optional(),
    /** Overrides the patterns Lifeline hands out; normally left out. */
    alertPatterns: alertPatternsSchema.strict().optional(),
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .strict();

export type CollectorConfigInput = z.input<typeof collectorConfigSchema>;
type ParsedConfig = z.output<typeof collectorConfigSchema>;

export interface ZvmConfig {
  applianceId: string;
  name: string;
  url: string;
  username: string;
  password: string;
  authScheme: ZvmAuthChoice;
  tlsFingerprintSha256: string | null;
}

/** The config with secrets read and paths made absolute. */
export interface CollectorConfig {
  lifeline: { url: string; token: string };
  intervalSeconds: number;
  concurrency: number;
  zvmTimeoutSeconds: number;
  queue: { directory: string; maxHeartbeats: number };
  zvms: ZvmConfig[];
  billingProbe: {
    endpoints: { host: string; port: number }[];
    proxy: URL | null;
    intervalSeconds: number;
    timeoutSeconds: number;
    /** The CAs a billing endpoint's certificate must chain to: the public ones, plus caFile's. */
    trustedCas: string[];
  } | null;
  alertPatterns: AlertPatterns | null;
  logLevel: ParsedConfig["logLevel"];
}

export class CollectorConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CollectorConfigError";
  }
}

/** Reads and checks a config file; `environment` is where {"env": ...} secrets are looked up. */
export function loadCollectorConfig(file: string, environment: Record<string, string | undefined>): CollectorConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CollectorConfigError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CollectorConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  return resolveCollectorConfig(json, { baseDir: path.dirname(path.resolve(file)), environment });
}

export function resolveCollectorConfig(
  input: unknown,
  options: { baseDir: string; environment: Record<string, string | undefined> },
): CollectorConfig {
  const result = collectorConfigSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.map(String).join(".");
    throw new CollectorConfigError(`${field || "config"}: ${issue.message}`);
  }
  const config = result.data;
  const resolvePath = (file: string) => path.resolve(options.baseDir, file);
  const secret = (field: string, ref: z.output<typeof secretSchema>) => readSecret(field, ref, resolvePath, options.environment);
  if (config.alertPatterns) {
    try {
      compileAlertPatterns(config.alertPatterns);
    } catch (error) {
      if (error instanceof AlertPatternError) throw new CollectorConfigError(`alertPatterns.${error.message}`);
      throw error;
    }
  }
  const ids = new Set<string>();
  for (const [index, zvm] of config.zvms.entries()) {
    const id = zvm.applianceId.toLowerCase();
    if (ids.has(id)) throw new CollectorConfigError(`zvms.${index}.applianceId: appears twice`);
    ids.add(id);
  }
  return {
    lifeline: { url: config.lifeline.url, token: secret("lifeline.token", config.lifeline.token) },
    intervalSeconds: config.intervalSeconds,
    concurrency: config.concurrency,
    zvmTimeoutSeconds: config.zvmTimeoutSeconds,
    queue: { directory: resolvePath(config.queue.directory), maxHeartbeats: config.queue.maxHeartbeats },
    zvms: config.zvms.map((zvm, index) => ({
      applianceId: zvm.applianceId.toLowerCase(),
      name: zvm.name ?? new URL(zvm.url).host,
      url: zvm.url.replace(/\/+$/, ""),
      username: zvm.username,
      password: secret(`zvms.${index}.password`, zvm.password),
      authScheme: zvm.authScheme,
      tlsFingerprintSha256: zvm.tlsFingerprintSha256 ?? null,
    })),
    billingProbe: config.billingProbe
      ? {
          endpoints: config.billingProbe.endpoints.map((value) => {
            const at = value.lastIndexOf(":");
            return { host: value.slice(0, at), port: Number(value.slice(at + 1)) };
          }),
          proxy: config.billingProbe.proxy ? new URL(config.billingProbe.proxy) : null,
          intervalSeconds: config.billingProbe.intervalSeconds,
          timeoutSeconds: config.billingProbe.timeoutSeconds,
          trustedCas: [...tls.rootCertificates, ...(config.billingProbe.caFile ? readCaFile(resolvePath(config.billingProbe.caFile)) : [])],
        }
      : null,
    alertPatterns: config.alertPatterns ?? null,
    logLevel: config.logLevel,
  };
}

/** The certificates in a PEM file; each must parse, so a wrong file is named at start, not at the first probe. */
function readCaFile(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CollectorConfigError(`billingProbe.caFile: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (pems.length === 0) throw new CollectorConfigError(`billingProbe.caFile: ${file} holds no PEM certificate`);
  for (const [index, pem] of pems.entries()) {
    try {
      new X509Certificate(pem);
    } catch {
      throw new CollectorConfigError(`billingProbe.caFile: certificate ${index + 1} in ${file} cannot be read`);
    }
  }
  return pems;
}

function readSecret(
  field: string,
  ref: { env: string } | { file: string },
  resolvePath: (file: string) => string,
  environment: Record<string, string | undefined>,
): string {
  if ("env" in ref) {
    const value = environment[ref.env];
    if (!value) throw new CollectorConfigError(`${field}: environment variable ${ref.env} is not set`);
    return value;
  }
  const file = resolvePath(ref.file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new CollectorConfigError(`${field}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  if (process.platform !== "win32" && (stat.mode & 0o077) !== 0) {
    throw new CollectorConfigError(
      `${field}: ${file} may be read by others (mode ${(stat.mode & 0o777).toString(8)}); run chmod 600 on it`,
    );
  }
  const value = fs.readFileSync(file, "utf8").replace(/\r?\n$/, "");
  if (!value) throw new CollectorConfigError(`${field}: ${file} is empty`);
  return value;
}
