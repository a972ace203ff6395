import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { getEnv } from "@/lib/env";
import { getRuntimeSecrets } from "@/lib/runtime/secrets";

export function sealPassword(password: string): string {
  return encryptSecret(getRuntimeSecrets(getEnv()).encryptionKey, password);
}

export function openPassword(sealed: string): string {
  return decryptSecret(getRuntimeSecrets(getEnv()).encryptionKey, sealed);
}
