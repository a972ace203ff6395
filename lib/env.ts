import path from "node:path";
import { z } from "zod";

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
});

export type Env = z.infer<typeof envSchema> & {
  /** Absolute path of the data directory. */
  dataDir: string;
  /** Whether the embedded database (PGlite) is used. */
  embedded: boolean;
  /** Whether this web process also runs the background worker. */
  runWorkerInProcess: boolean;
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
    const shown = typeof cleaned[name] === "string" && !/SECRET|PASSWORD|KEY|DATABASE_URL/.test(name)
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
