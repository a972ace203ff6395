import crypto from "node:crypto";
import type { Env } from "@/lib/env";
import { loadOrCreateSecretFile } from "./data-dir";

export interface RuntimeSecrets {
  /** AES-256-GCM key for credentials at rest. */
  encryptionKey: Buffer;
  /** Signs next-auth session tokens. */
  sessionSecret: string;
}

function parseKey(value: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(value) ? Buffer.from(value, "hex") : Buffer.from(value, "base64");
}

/**
 * Secrets come from the settings when given, otherwise from files generated
 * in the data directory on first start; never from a constant.
 */
export function loadRuntimeSecrets(env: Env): RuntimeSecrets {
  const encryptionKey = env.LIFELINE_SECRET_KEY
    ? parseKey(env.LIFELINE_SECRET_KEY)
    : loadOrCreateSecretFile(env.dataDir, "secret.key");
  const sessionSecret = env.NEXTAUTH_SECRET ?? loadOrCreateSecretFile(env.dataDir, "session.secret").toString("hex");
  return { encryptionKey, sessionSecret };
}

/** A value that identifies the key without revealing it, stored to catch a changed key. */
export function keyCheck(key: Buffer): string {
  return crypto.createHmac("sha256", key).update("lifeline key check v1").digest("hex").slice(0, 32);
}

const cacheKey = Symbol.for("lifeline.secrets");
type SecretsCache = { [cacheKey]?: RuntimeSecrets };

export function getRuntimeSecrets(env: Env): RuntimeSecrets {
  const cache = globalThis as SecretsCache;
  if (!cache[cacheKey]) cache[cacheKey] = loadRuntimeSecrets(env);
  return cache[cacheKey];
}
