import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadOrCreateSecretFile } from "@/lib/runtime/data-dir";

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-unit-"));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe("loadOrCreateSecretFile", () => {
  it("creates the data directory and an owner-only file of random hex on first use", () => {
    const dataDir = path.join(root, "nested", "data");
    const secret = loadOrCreateSecretFile(dataDir, "secret.key");
    const file = path.join(dataDir, "secret.key");
    expect(secret).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(fs.readFileSync(file, "utf8")).toBe(`${secret.toString("hex")}\n`);
  });

  it("returns the same secret on every later call, and a different one for another name", () => {
    const first = loadOrCreateSecretFile(root, "secret.key");
    expect(loadOrCreateSecretFile(root, "secret.key").equals(first)).toBe(true);
    expect(loadOrCreateSecretFile(root, "session.secret").equals(first)).toBe(false);
  });

  it("honours the size asked for", () => {
    expect(loadOrCreateSecretFile(root, "short.secret", 16)).toHaveLength(16);
  });

  it.each([
    { name: "empty", content: "" },
    { name: "truncated", content: "ab".repeat(31) },
    { name: "too long", content: "ab".repeat(33) },
    { name: "not hex", content: "zz".repeat(32) },
    { name: "upper-case hex edited by hand", content: "AB".repeat(32) },
  ])("refuses a damaged file ($name) rather than replacing it", ({ content }) => {
    const file = path.join(root, "secret.key");
    fs.writeFileSync(file, content, { mode: 0o600 });
    expect(() => loadOrCreateSecretFile(root, "secret.key")).toThrow(/secret\.key is damaged: expected 64 hex characters/);
    expect(fs.readFileSync(file, "utf8")).toBe(content);
  });
});
