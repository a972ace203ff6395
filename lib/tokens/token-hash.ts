import crypto from "node:crypto";

export const TOKEN_PREFIX = "ll_";

// Tokens carry 256 random bits, so a fast hash is enough: there is nothing to brute-force.
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
