import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// PGlite has no lock of its own: a second process on the same data directory
// would run silently and lose its writes. We take an exclusive lock file with
// the owner's pid, and take over a lock whose owner is gone.

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
    readonly ownerHost: string,
  ) {
    super(
      `The data directory ${dataDir} is in use by another Lifeline process (pid ${ownerPid} on ${ownerHost}). ` +
        "Stop it first, or use PostgreSQL (DATABASE_URL) to run several processes.",
    );
    this.name = "DataDirLockedError";
  }
}

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readOwner(file: string): { pid: number; host: string } | null {
  try {
    const [pid, host] = fs.readFileSync(file, "utf8").trim().split(/\s+/);
    const parsed = Number(pid);
    return Number.isInteger(parsed) && parsed > 0 ? { pid: parsed, host: host ?? "" } : null;
  } catch {
    return null;
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, "lifeline.lock");
  const me = `${process.pid} ${os.hostname()}\n`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      fs.writeFileSync(file, me, { flag: "wx", mode: 0o600 });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        if (readOwner(file)?.pid === process.pid) fs.rmSync(file, { force: true });
        process.off("exit", release);
      };
      process.on("exit", release);
      return { release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(file);
      const sameHost = owner?.host === os.hostname();
      if (owner && owner.pid === process.pid) {
        throw new Error(`The data directory ${dataDir} is already open in this process.`);
      }
      if (owner && (!sameHost || isAlive(owner.pid))) {
        throw new DataDirLockedError(dataDir, owner.pid, owner.host);
      }
      // The owner is gone (crash, kill -9): the lock is stale.
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not take the lock on ${dataDir}; another process keeps taking it.`);
}
