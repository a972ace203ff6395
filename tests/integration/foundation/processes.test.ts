import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { createPostgresDatabase, makeTempDir } from "../helpers/test-db";
import { postgresAvailable } from "../../helpers/postgres";


interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Lifeline entry point with only the variables given (plus PATH and HOME). */
function start(script: string, env: Record<string, string | undefined>) {
  const childEnv: NodeJS.ProcessEnv = { NODE_ENV: "production", PATH: process.env.PATH ?? "", HOME: os.homedir(), LOG_LEVEL: "warn", ...env };
  // Through tsx's loader in the one process (as `npm run worker` runs): signals reach the script itself.
  const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts", script)], {
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, done };
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = makeTempDir();
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm start refuses to start, with one clear line", () => {
  it.each([
    { name: "a port that is not a number", env: { PORT: "abc" }, line: /^lifeline: Invalid setting PORT: must be a number \(got "abc"\)$/ },
    { name: "a port out of range", env: { PORT: "70000" }, line: /^lifeline: Invalid setting PORT: must be between 1 and 65535/ },
    { name: "a malformed DATABASE_URL", env: { DATABASE_URL: "mysql://x" }, line: /^lifeline: Invalid setting DATABASE_URL: must be a postgres:\/\// },
    { name: "a short secret key", env: { LIFELINE_SECRET_KEY: "s3cr3t-value" }, line: /^lifeline: Invalid setting LIFELINE_SECRET_KEY: must be 32 bytes/ },
  ])("$name", async ({ env, line }) => {
    const run = await start("start.ts", { LIFELINE_DATA_DIR: tempDir(), ...env }).done;
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(line);
    // A secret is never echoed.
    expect(run.stderr).not.toContain("s3cr3t-value");
  });

  it("a data directory another live process owns", async () => {
    const dataDir = tempDir();
    const owner = await openDatabase({ kind: "embedded", dataDir });
    try {
      const run = await start("start.ts", { LIFELINE_DATA_DIR: dataDir }).done;
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(
        `lifeline: The data directory ${dataDir} is in use by another Lifeline process (pid ${process.pid} on ${os.hostname()}). ` +
          "Stop it first, or use PostgreSQL (DATABASE_URL) to run several processes.",
      );
    } finally {
      await owner.close();
    }
  });
});

describe.skipIf(!postgresAvailable("npm run worker on PostgreSQL"))("npm run worker on PostgreSQL", () => {
  it("beats in the database while it runs and signs off when stopped", async () => {
    const database = await createPostgresDatabase();
    const db = await openDatabase({ kind: "postgres", url: database.url });
    try {
      const worker = start("worker.ts", {
        DATABASE_URL: database.url,
        LIFELINE_SECRET_KEY: "11".repeat(32),
        LIFELINE_DATA_DIR: tempDir(),
      });
      await expect.poll(() => db.prisma.workerHeartbeat.count(), { timeout: 30_000, interval: 250 }).toBe(1);
      const [beat] = await db.prisma.workerHeartbeat.findMany();
      expect(beat.hostname).toBe(os.hostname());
      worker.child.kill("SIGTERM");
      const run = await worker.done;
      expect(run.code).toBe(0);
      expect(await db.prisma.workerHeartbeat.count()).toBe(0);
    } finally {
      await db.close();
      await database.drop();
    }
  }, 60_000);
});
