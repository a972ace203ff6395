import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, DecryptError, encryptSecret } from "@/lib/crypto/secret-box";

const key = Buffer.alloc(32, 1);
const otherKey = Buffer.alloc(32, 2);

/** Flips one bit in one base64url part of a sealed value. */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[part], "base64url");
  bytes[0] ^= 0x01;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("secret box", () => {
  it.each(["", "p@ssw0rd", "zvm-admin password with spaces ✓", "x".repeat(10_000)])(
    "returns what was sealed (%#)",
    (plaintext) => {
      expect(decryptSecret(key, encryptSecret(key, plaintext))).toBe(plaintext);
    },
  );

  it("seals the same text differently each time and never in clear", () => {
    const first = encryptSecret(key, "zvm-password");
    const second = encryptSecret(key, "zvm-password");
    expect(first).not.toBe(second);
    expect(first).toMatch(/^v1\./);
    expect(first).not.toContain("zvm-password");
    expect(Buffer.from(first.split(".")[3], "base64url").toString("utf8")).not.toContain("zvm-password");
  });

  it.each([
    { name: "the nonce", sealed: () => tamper(encryptSecret(key, "secret"), 1) },
    { name: "the tag", sealed: () => tamper(encryptSecret(key, "secret"), 2) },
    { name: "the ciphertext", sealed: () => tamper(encryptSecret(key, "secret"), 3) },
    { name: "the version", sealed: () => encryptSecret(key, "secret").replace(/^v1/, "v2") },
    { name: "a missing part", sealed: () => encryptSecret(key, "secret").split(".").slice(0, 3).join(".") },
    { name: "plain text", sealed: () => "secret" },
  ])("refuses a value with $name changed", ({ sealed }) => {
    expect(() => decryptSecret(key, sealed())).toThrow(DecryptError);
  });

  it("refuses to open a value sealed with another key", () => {
    const sealed = encryptSecret(key, "secret");
    expect(() => decryptSecret(otherKey, sealed)).toThrow(DecryptError);
    expect(() => decryptSecret(crypto.randomBytes(32), sealed)).toThrow(DecryptError);
  });
});
