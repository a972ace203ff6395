import crypto from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { getEnv } from "@/lib/env";
import { getRuntimeSecrets } from "@/lib/runtime/secrets";

/** What a channel keeps sealed: its target URL, signing secret, routing key or SMTP password. */
export interface ChannelSecrets {
  url?: string;
  signingSecret?: string;
  routingKey?: string;
  password?: string;
}

export function sealChannelSecrets(secrets: ChannelSecrets): string {
  return encryptSecret(getRuntimeSecrets(getEnv()).encryptionKey, JSON.stringify(secrets));
}

export function openChannelSecrets(sealed: string): ChannelSecrets {
  return JSON.parse(decryptSecret(getRuntimeSecrets(getEnv()).encryptionKey, sealed)) as ChannelSecrets;
}

/** A webhook signing secret for an admin who did not bring one. */
export function generateSigningSecret(): string {
  return `whsec_${crypto.randomBytes(24).toString("base64url")}`;
}
