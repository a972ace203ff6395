const HEX64 = /^[0-9a-f]{64}$/;

/**
 * A SHA-256 certificate fingerprint in the form node:tls reports it
 * (`fingerprint256`): 32 upper-case hex pairs joined by colons. Accepts the
 * hex with or without colons (or spaces) in any case; anything else → null.
 */
export function normaliseFingerprint(input: string): string | null {
  const hex = input.trim().replace(/^sha-?256[:=]\s*/i, "").replace(/[:\s]/g, "").toLowerCase();
  if (!HEX64.test(hex)) return null;
  return hex.toUpperCase().match(/../g)!.join(":");
}
