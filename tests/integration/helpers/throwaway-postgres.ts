import { execFile } from "node:child_process";
import fs from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

// A PostgreSQL cluster of a test's own, for tests that stop and restart the
// database: its own data directory, port and socket directory, never the
// machine's shared server. Built from the server binaries Debian installs.

const run = promisify(execFile);
const SERVER_ROOT = "/usr/lib/postgresql";

/** The newest installed server's bin directory, or null when no server is installed. */
export function postgresBinDir(): string | null {
  if (!fs.existsSync(SERVER_ROOT)) return null;
  const versions = fs
    .readdirSync(SERVER_ROOT)
    .filter((version) => fs.existsSync(path.join(SERVER_ROOT, version, "bin", "pg_ctl")) && fs.existsSync(path.join(SERVER_ROOT, version, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? path.join(SERVER_ROOT, versions[0], "bin") : null;
}

export interface ThrowawayPostgres {
  port: number;
  /** A connection URL for a database on this cluster. */
  url(database?: string): string;
  /** Stops the server: `fast` ends sessions and shuts down cleanly, `immediate` is a crash. */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its data. */
  destroy(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root: as root, the server runs as the postgres user. */
function asServerUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const line = fs.readFileSync("/etc/passwd", "utf8").split("\n").find((entry) => entry.startsWith("postgres:"));
  if (!line) throw new Error("running as root and there is no postgres user to run a PostgreSQL server as");
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(`no PostgreSQL server binaries under ${SERVER_ROOT} (apt-get install postgresql)`);
  const user = asServerUser();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-pg-"));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  if (user) fs.chownSync(dir, user.uid, user.gid);
  const port = await freePort();
  const tool = (name: string, args: string[]) => run(path.join(bin, name), args, { uid: user?.uid, gid: user?.gid, cwd: dir, timeout: 120_000 });

  await tool("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=100`;
  const start = async () => {
    await tool("pg_ctl", ["-D", dataDir, "-l", logFile, "-o", options, "-w", "-t", "60", "start"]);
  };
  const stop = async (mode: "fast" | "immediate" = "fast") => {
    await tool("pg_ctl", ["-D", dataDir, "-m", mode, "-w", "-t", "60", "stop"]);
  };
  await start();
  let destroyed = false;
  return {
    port,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop,
    start,
    destroy: async () => {
      if (destroyed) return;
      destroyed = true;
      await stop("immediate").catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
