import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Creates the data directory (owner-only) if it does not exist. */
export function ensureDataDir(dataDir: string): void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
}

/**
 * Reads a secret kept in the data directory, creating it with fresh random
 * bytes (mode 0600) on first use. Creation uses O_EXCL so two processes
 * starting at once end up with the same secret.
 */
export function loadOrCreateSecretFile(dataDir: string, name: string, bytes = 32): Buffer {
  ensureDataDir(dataDir);
  const file = path.join(dataDir, name);
  try {
    const fd = fs.openSync(file, "wx", 0o600);
    try {
      fs.writeSync(fd, crypto.randomBytes(bytes).toString("hex") + "\n");
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const text = fs.readFileSync(file, "utf8").trim();
  if (!/^[0-9a-f]+$/.test(text) || text.length !== bytes * 2) {
    throw new Error(`The secret file ${file} is damaged: expected ${bytes * 2} hex characters.`);
  }
  return Buffer.from(text, "hex");
}
