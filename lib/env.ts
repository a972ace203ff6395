import path from "node:path";
import { z } from "zod";
import { ProxySettingError, parseOutboundProxy, type OutboundProxy } from "@/lib/channels/outbound-proxy";

// The one place that reads process.env. Everything else receives settings
// from here, parsed once and validated, so a bad setting stops start-up with
// one line that names it.

const portSchema = z.coerce
  .number({ message: "must be a number" })
  .int("must be a whole number")
  .min(1, "must be between 1 and 65535")
  .max(65535, "must be between 1 and 65535");

const postgresUrlSchema = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
    } catch {
      return false;
    }
  }, "must be a postgres:// or postgresql:// URL with a host, e.g. postgres://user@127.0.0.1:5432/lifeline");

const secretKeySchema = z
  .string()
  .trim()
  .refine(
    (value) => /^[0-9a-fA-F]{64}$/.test(value) || Buffer.from(value, "base64").length === 32,
    "must be 32 bytes as 64 hex characters or base64 (generate one with: openssl rand -hex 32)",
  );

// A comma-separated list of identity-provider group names (or ids).
const groupListSchema = z
  .string()
  .max(8000, "must be at most 8000 characters")
  .transform((value) => value.split(",").map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.string().max(256, "has a group longer than 256 characters")).max(200, "lists more than 200 groups"));

const isLoopbackHost = (host: string) => host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);

const oidcIssuerSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === "https:" || (url.protocol === "http:" && isLoopbackHost(url.hostname));
    } catch {
      return false;
    }
  }, "must be the identity provider's https:// issuer URL, e.g. https://login.microsoftonline.com/<tenant id>/v2.0 (http only on loopback)");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: portSchema.default(3000),
  HOSTNAME: z.string().trim().min(1).max(255).default("0.0.0.0"),
  DATABASE_URL: postgresUrlSchema.optional(),
  LIFELINE_DATA_DIR: z.string().trim().min(1).max(4096).default("./data"),
  LIFELINE_SECRET_KEY: secretKeySchema.optional(),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url({ message: "must be an absolute URL such as https://lifeline.example.net" }).optional(),
  LIFELINE_WORKER: z
    .enum(["auto", "in-process", "off"], { message: "must be auto, in-process or off" })
    .default("auto"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "must be one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  // Single sign-on through OpenID Connect (lib/auth/oidc-config.ts).
  LIFELINE_OIDC_ISSUER: oidcIssuerSchema.optional(),
  LIFELINE_OIDC_CLIENT_ID: z.string().trim().min(1).max(256, "must be at most 256 characters").optional(),
  LIFELINE_OIDC_CLIENT_SECRET: z.string().min(1).max(2048, "must be at most 2048 characters").optional(),
  LIFELINE_OIDC_NAME: z.string().trim().min(1).max(60, "must be at most 60 characters").default("single sign-on"),
  LIFELINE_OIDC_SCOPES: z
    .string()
    .trim()
    .max(1000)
    .refine((value) => value.split(/\s+/).includes("openid"), "must include openid, e.g. \"openid email profile\"")
    .default("openid email profile"),
  LIFELINE_OIDC_GROUPS_CLAIM: z
    .string()
    .trim()
    .min(1)
    .max(200, "must be at most 200 characters")
    .default("groups"),
  LIFELINE_OIDC_VIEWER_GROUPS: groupListSchema.optional(),
  LIFELINE_OIDC_OPERATOR_GROUPS: groupListSchema.optional(),
  LIFELINE_OIDC_ADMIN_GROUPS: groupListSchema.optional(),
  LIFELINE_LOCAL_SIGNIN: z
    .enum(["all", "admins"], { message: "must be all or admins (local passwords for administrators only)" })
    .default("all"),
  // /metrics: answered to a bearer token with the metrics role, or not served at all.
  LIFELINE_METRICS: z.enum(["token", "off"], { message: "must be token or off" }).default("token"),
  // The outbound proxy for notifications (lib/channels/outbound-proxy.ts); the lower-case forms are read when the upper-case ones are unset.
  HTTPS_PROXY: z.string().max(2048, "must be at most 2048 characters").optional(),
  https_proxy: z.string().max(2048, "must be at most 2048 characters").optional(),
  NO_PROXY: z.string().max(8000, "must be at most 8000 characters").optional(),
  no_proxy: z.string().max(8000, "must be at most 8000 characters").optional(),
}).superRefine((env, context) => {
  const proxyName = env.HTTPS_PROXY !== undefined ? "HTTPS_PROXY" : "https_proxy";
  try {
    parseOutboundProxy(env.HTTPS_PROXY ?? env.https_proxy, env.NO_PROXY ?? env.no_proxy);
  } catch (error) {
    if (!(error instanceof ProxySettingError)) throw error;
    const noProxyFault = error.message.startsWith("NO_PROXY");
    const name = noProxyFault ? (env.NO_PROXY !== undefined ? "NO_PROXY" : "no_proxy") : proxyName;
    context.addIssue({ code: "custom", path: [name], message: noProxyFault ? error.message.replace(/^NO_PROXY /, "") : error.message });
    return;
  }
  const oidc = [env.LIFELINE_OIDC_ISSUER, env.LIFELINE_OIDC_CLIENT_ID, env.LIFELINE_OIDC_CLIENT_SECRET];
  if (oidc.some((value) => value !== undefined)) {
    for (const name of ["LIFELINE_OIDC_ISSUER", "LIFELINE_OIDC_CLIENT_ID", "LIFELINE_OIDC_CLIENT_SECRET"] as const) {
      if (env[name] === undefined) {
        context.addIssue({ code: "custom", path: [name], message: "is required for single sign-on (set the issuer, client id and client secret together)" });
        return;
      }
    }
    const groups = [env.LIFELINE_OIDC_VIEWER_GROUPS, env.LIFELINE_OIDC_OPERATOR_GROUPS, env.LIFELINE_OIDC_ADMIN_GROUPS];
    if (groups.every((list) => !list || list.length === 0)) {
      context.addIssue({
        code: "custom",
        path: ["LIFELINE_OIDC_VIEWER_GROUPS"],
        message: "or LIFELINE_OIDC_OPERATOR_GROUPS or LIFELINE_OIDC_ADMIN_GROUPS must name a group: without one nobody could sign in with single sign-on",
      });
    }
  } else if (env.LIFELINE_LOCAL_SIGNIN === "admins") {
    context.addIssue({
      code: "custom",
      path: ["LIFELINE_LOCAL_SIGNIN"],
      message: "admins needs single sign-on (LIFELINE_OIDC_ISSUER …): otherwise only administrators could sign in",
    });
  }
});

export type Env = z.infer<typeof envSchema> & {
  /** Absolute path of the data directory. */
  dataDir: string;
  /** Whether the embedded database (PGlite) is used. */
  embedded: boolean;
  /** Whether this web process also runs the background worker. */
  runWorkerInProcess: boolean;
  /** The proxy notifications go through (HTTPS_PROXY, NO_PROXY), or null: direct. */
  outboundProxy: OutboundProxy | null;
};

export class EnvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EnvError";
  }
}

/** Parses a set of variables; throws EnvError with one line naming the bad setting. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const name = issue.path.join(".") || "environment";
    const shown = typeof cleaned[name] === "string" && !/SECRET|PASSWORD|KEY|DATABASE_URL|PROXY/i.test(name)
      ? ` (got "${String(cleaned[name]).slice(0, 80)}")`
      : "";
    throw new EnvError(`Invalid setting ${name}: ${issue.message}${shown}`);
  }
  const env = result.data;
  const embedded = env.DATABASE_URL === undefined;
  return {
    ...env,
    dataDir: path.resolve(env.LIFELINE_DATA_DIR),
    embedded,
    runWorkerInProcess: env.LIFELINE_WORKER !== "off",
    outboundProxy: parseOutboundProxy(env.HTTPS_PROXY ?? env.https_proxy, env.NO_PROXY ?? env.no_proxy),
  };
}

const cacheKey = Symbol.for("lifeline.env");
type EnvCache = { [cacheKey]?: Env };

/** The process's settings, parsed on first use. */
export function getEnv(): Env {
  const cache = globalThis as EnvCache;
  if (!cache[cacheKey]) cache[cacheKey] = parseEnv(process.env);
  return cache[cacheKey];
}

/** Next.js sets NEXT_RUNTIME for server code; instrumentation runs once per runtime. */
export function isNodeServerRuntime(): boolean {
  return process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build";
}
