import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/lib/db/client";
import { authenticateToken } from "@/lib/tokens/authenticate-token";
import { verifySignIn } from "@/lib/users/verify-sign-in";
import { parseCapture } from "@/lib/zvm/capture";
import { startSimulator } from "@/simulator";
import { makeTempDir } from "../helpers/test-db";
import { PASSWORD } from "./actors";

const TSX = path.resolve("node_modules", ".bin", "tsx");
const CLI = path.resolve("scripts", "cli.ts");

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dataDir: string;

/** Runs the CLI as an operator would, against its own data directory and nothing else. */
function runCli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: "test",
    PATH: process.env.PATH ?? "",
    HOME: os.homedir(),
    LIFELINE_DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    ...options.env,
  };
  const child = spawn(TSX, [CLI, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.stdin ?? "");
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("command line", () => {
  beforeAll(() => {
    dataDir = makeTempDir("lifeline-cli-");
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("adds a user with the password from stdin, lists it, and issues and revokes a token", async () => {
    const added = await runCli(["user", "add", "--email", "Ops.Lead@Example.net", "--role", "operator", "--password-stdin"], {
      stdin: `${PASSWORD}\n`,
    });
    expect(added).toMatchObject({ code: 0, stdout: "Added ops.lead@example.net (operator).\n" });
    expect(added.stdout).not.toContain(PASSWORD);

    const listed = await runCli(["user", "list"]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^id\s+email\s+name\s+role\s+disabled/);
    expect(listed.stdout).toMatch(/ops\.lead@example\.net\s+-\s+operator\s+false/);

    const created = await runCli(["token", "create", "--name", "nightly-report", "--role", "viewer"]);
    expect(created.code).toBe(0);
    expect(created.stderr).toContain('Created token "nightly-report" (viewer). It is shown once:');
    const token = created.stdout.trim();
    expect(token).toMatch(/^ll_[\w-]{43}$/);

    const revoked = await runCli(["token", "revoke", "nightly-report"]);
    expect(revoked).toMatchObject({ code: 0, stdout: 'Revoked "nightly-report".\n' });

    // What the CLI did is what the app sees: the stdin password signs in, the token is dead,
    // and every step is audited as the CLI.
    const db = await openDatabase({ kind: "embedded", dataDir });
    try {
      expect(await verifySignIn(db, "ops.lead@example.net", PASSWORD)).toMatchObject({ role: "operator" });
      expect(await authenticateToken(db, token)).toBeNull();
      const audit = await db.prisma.auditLog.findMany({ orderBy: { id: "asc" } });
      expect(audit.map((entry) => [entry.actor, entry.action])).toEqual([
        [`cli:${os.userInfo().username}`, "user.add"],
        [`cli:${os.userInfo().username}`, "token.create"],
        [`cli:${os.userInfo().username}`, "token.revoke"],
        ["ops.lead@example.net", "auth.sign-in"],
      ]);
    } finally {
      await db.close();
    }
  }, 120_000);

  it("answers an unknown command with the usage and exit status 2", async () => {
    const run = await runCli(["users", "purge"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("lifeline: unknown command: users purge");
    expect(run.stderr).toContain("usage: npm run cli -- <command>");
    expect(run.stdout).toBe("");
  });

  it("stops on a bad setting with one line naming it and exit status 1", async () => {
    const run = await runCli(["user", "list"], { env: { PORT: "abc" } });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^lifeline: Invalid setting PORT: must be a number/)]);
  });

  it("adds a ZVM with a sign-in method and captures it to a file without its password", async () => {
    const sim = await startSimulator({ zvms: [{ id: "cli", generation: "linux", scenario: "failing", failingDays: 3, clientId: "lifeline-api", clientSecret: "cli-s3cret" }] });
    try {
      const zvm = sim.get("cli");
      const added = await runCli(
        ["appliance", "add", "--name", "zvm-cli", "--kind", "zvm", "--role", "production", "--mode", "polled", "--url", zvm.url,
          "--username", "lifeline-api", "--password-stdin", "--auth", "linux-client", "--fingerprint", zvm.fingerprint],
        { stdin: "cli-s3cret\n" },
      );
      expect(added.code, added.stderr).toBe(0);
      const file = path.join(dataDir, "zvm-cli.capture.json");
      const captured = await runCli(["appliance", "capture", "zvm-cli", "--out", file]);
      expect(captured.code, captured.stderr).toBe(0);
      expect(captured.stderr).toMatch(/^Wrote \d+ exchanges to /);
      const text = fs.readFileSync(file, "utf8");
      expect(text).not.toContain("cli-s3cret");
      const capture = parseCapture(JSON.parse(text), file);
      expect(capture.authScheme).toBe("linux-client");
      expect(capture.expected).toMatchObject({ billingStatus: "warning", daysUntilDisconnect: 11 });
      const refused = await runCli(["appliance", "add", "--name", "zvm-x", "--kind", "zvm", "--role", "production", "--mode", "polled",
        "--url", zvm.url, "--username", "u", "--password-stdin", "--auth", "kerberos"], { stdin: "pw\n" });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("authScheme: must be one of auto, windows, windows-local, linux, linux-client");
    } finally {
      await sim.close();
    }
  }, 120_000);
});
