import pino, { type Logger } from "pino";
import { getEnv } from "@/lib/env";

export type { Logger };

// Structured JSON logs. Anything that looks like a credential is redacted
// wherever it appears in a logged object.
const redact = {
  paths: [
    "password",
    "*.password",
    "token",
    "*.token",
    "secret",
    "*.secret",
    "authorization",
    "*.authorization",
    "headers.authorization",
    "headers.cookie",
    "*.headers.authorization",
    "*.headers.cookie",
    "cookie",
    "passwordHash",
    "*.passwordHash",
  ],
  censor: "[redacted]",
};

const cacheKey = Symbol.for("lifeline.logger");
type LoggerCache = { [cacheKey]?: Logger };

export function getLogger(): Logger {
  const cache = globalThis as LoggerCache;
  if (!cache[cacheKey]) {
    cache[cacheKey] = pino({ level: getEnv().LOG_LEVEL, base: { app: "lifeline" }, redact });
  }
  return cache[cacheKey];
}
