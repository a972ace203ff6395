// `npm start`: checks the settings, builds once if there is no build, then
// runs the production server (scripts/server.mjs: Next.js behind a plain Node
// HTTP server). The server opens the database, applies migrations and starts
// the worker itself (instrumentation.ts).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { EnvError, parseEnv, type Env } from "../lib/env";
import { DataDirLockedError, acquireDataDirLock } from "../lib/runtime/data-dir-lock";
import { productionServerArgs } from "./lib/server-command";

function fail(message: string): never {
  console.error(`lifeline: ${message}`);
  process.exit(1);
}

let env: Env;
try {
  env = parseEnv(process.env);
} catch (error) {
  if (error instanceof EnvError) fail(error.message);
  throw error;
}

// Fail before a long build when another process owns the embedded database.
if (env.embedded) {
  try {
    acquireDataDirLock(env.dataDir).release();
  } catch (error) {
    if (error instanceof DataDirLockedError) fail(error.message);
    throw error;
  }
}

const nextBin = path.join("node_modules", "next", "dist", "bin", "next");

/** Newest modification time among the sources that go into the build. */
function newestSourceMs(): number {
  let newest = 0;
  const visit = (entry: string) => {
    const stat = fs.statSync(entry, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const child of fs.readdirSync(entry)) visit(path.join(entry, child));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of ["app", "components", "lib", "instrumentation.ts", "proxy.ts", "next.config.js", "postcss.config.mjs", "package.json", "package-lock.json"]) {
    visit(entry);
  }
  return newest;
}

const buildId = path.join(".next", "BUILD_ID");
const builtAt = fs.statSync(buildId, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (builtAt < newestSourceMs()) {
  console.log(builtAt === 0 ? "lifeline: no production build yet; building once (about a minute)…" : "lifeline: sources changed since the last build; rebuilding…");
  const build = spawnSync(process.execPath, [nextBin, "build"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (build.status !== 0) fail("the build failed; see the output above.");
}

// The server shuts down itself (worker, database, lock) on SIGINT/SIGTERM.
// Two malloc arenas instead of one per thread (glibc's default, up to 8 per core): the server's
// few threads gain nothing from more, and each idle arena keeps its freed memory resident.
const childEnv: NodeJS.ProcessEnv = { MALLOC_ARENA_MAX: "2", ...process.env, NODE_ENV: "production" };
// Without a fixed public URL, sign-in redirects follow the address the browser used.
// next-auth reads these itself and fails on an empty value: drop empty ones.
if (!env.NEXTAUTH_URL) {
  delete childEnv.NEXTAUTH_URL;
  childEnv.AUTH_TRUST_HOST = "1";
}
if (!childEnv.NEXTAUTH_SECRET) delete childEnv.NEXTAUTH_SECRET;

const server = spawn(process.execPath, productionServerArgs(env.PORT, env.HOSTNAME), {
  stdio: "inherit",
  env: childEnv,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// The server opens the app (database, migrations, worker) before it listens;
// say where it runs once it answers.
async function warmUp(): Promise<void> {
  const local = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${local}/readyz`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200 || response.status === 503) {
        const shown = env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`;
        console.log(`lifeline: running at ${shown} (${env.embedded ? `embedded database in ${env.dataDir}` : "PostgreSQL"})`);
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.error("lifeline: the server did not answer within 2 minutes");
}
void warmUp();
