import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDataDirLock } from "@/lib/runtime/data-dir-lock";

const CHILD = path.join(import.meta.dirname, "helpers", "data-dir-lock-child.ts");
const TSX = ["--import", "tsx"];

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-lock-"));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function lockFile(): string {
  return path.join(dir, "lifeline.lock");
}

/** A pid that certainly belongs to no running process: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""]);
  await once(child, "exit");
  return child.pid as number;
}

describe("data directory lock", () => {
  it("records the owner and removes the lock file on release", () => {
    const lock = acquireDataDirLock(dir);
    expect(fs.readFileSync(lockFile(), "utf8")).toBe(`${process.pid} ${os.hostname()}\n`);
    lock.release();
    expect(fs.existsSync(lockFile())).toBe(false);
  });

  it("refuses a second process, naming the owner's pid", async () => {
    const lock = acquireDataDirLock(dir);
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [...TSX, CHILD, "try", dir]);
      const outcome = JSON.parse(stdout) as { acquired: boolean; name: string; ownerPid: number; message: string };
      expect(outcome).toMatchObject({ acquired: false, name: "DataDirLockedError", ownerPid: process.pid });
      expect(outcome.message).toContain(`pid ${process.pid}`);
      expect(outcome.message).toContain(dir);
    } finally {
      lock.release();
    }
  });

  it("refuses while another process holds it, and takes it over once that process is killed", async () => {
    const holder = spawn(process.execPath, [...TSX, CHILD, "hold", dir], { stdio: ["ignore", "pipe", "inherit"] });
    try {
      const [chunk] = (await once(holder.stdout, "data")) as [Buffer];
      expect(chunk.toString()).toBe("held\n");
      expect(() => acquireDataDirLock(dir)).toThrow(
        expect.objectContaining({ name: "DataDirLockedError", ownerPid: holder.pid, ownerHost: os.hostname() }),
      );
    } finally {
      holder.kill("SIGKILL");
      await once(holder, "exit");
    }
    // kill -9 left the lock file behind: it is stale now.
    expect(fs.readFileSync(lockFile(), "utf8")).toContain(`${holder.pid} `);
    const lock = acquireDataDirLock(dir);
    expect(fs.readFileSync(lockFile(), "utf8")).toBe(`${process.pid} ${os.hostname()}\n`);
    lock.release();
  }, 30_000);

  it("takes over a lock whose owner is gone on this host", async () => {
    fs.writeFileSync(lockFile(), `${await deadPid()} ${os.hostname()}\n`);
    const lock = acquireDataDirLock(dir);
    expect(fs.readFileSync(lockFile(), "utf8")).toBe(`${process.pid} ${os.hostname()}\n`);
    lock.release();
  });

  it("takes over a lock file with no readable owner", () => {
    fs.writeFileSync(lockFile(), "garbage\n");
    acquireDataDirLock(dir).release();
  });

  it("leaves a lock from another host alone: it cannot tell whether that owner is alive", async () => {
    const pid = await deadPid();
    fs.writeFileSync(lockFile(), `${pid} another-host.example.net\n`);
    expect(() => acquireDataDirLock(dir)).toThrow(
      expect.objectContaining({ name: "DataDirLockedError", ownerPid: pid, ownerHost: "another-host.example.net" }),
    );
  });

  it("refuses to open the same directory twice in one process", () => {
    const lock = acquireDataDirLock(dir);
    try {
      expect(() => acquireDataDirLock(dir)).toThrow(/already open in this process/);
    } finally {
      lock.release();
    }
  });
});
