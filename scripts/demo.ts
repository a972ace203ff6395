// `npm run demo`: a mixed fleet of simulated ZVMs plus Lifeline with them
// registered, in its own data directory (./data-demo), so a newcomer sees a
// live fleet in one command. Ctrl+C stops both.
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";

async function main() {
  const { values } = parseArgs({ options: { count: { type: "string", default: "50" }, port: { type: "string" } } });
  process.env.LIFELINE_DATA_DIR ??= path.resolve("data-demo");
  if (values.port) process.env.PORT = values.port;
  const { spawnSimulator } = await import("./lib/spawn-simulator");
  const { openConfiguredDatabase } = await import("../lib/db");
  const { getEnv } = await import("../lib/env");
  const { registerAppliance } = await import("../lib/appliances/register-appliance");
  const { updateSettings } = await import("../lib/settings/update-settings");

  const sim = await spawnSimulator(["--count", values.count, "--mix", "--port", "0"]);
  console.log(`demo: ${sim.fleet.length} simulated ZVMs are up`);
  const actor = { kind: "cli" as const, id: "demo", label: "cli:demo", role: "admin" as const };
  const db = await openConfiguredDatabase(getEnv());
  try {
    // The simulator's addresses and certificates are new on every run: register afresh.
    await db.prisma.appliance.deleteMany({ where: { name: { startsWith: "demo-" } } });
    await updateSettings(db, actor, { pollIntervalSeconds: 60 });
    for (const [index, zvm] of sim.fleet.entries()) {
      await registerAppliance(db, actor, {
        name: `demo-${zvm.name}`,
        kind: index % 10 === 9 ? "zca" : "zvm",
        role: zvm.scenario === "nfr" ? "test" : "production",
        mode: "polled",
        url: zvm.url,
        username: zvm.username,
        password: zvm.password,
        tlsFingerprintSha256: zvm.fingerprint,
        tags: { tenant: ["acme", "globex", "initech", "umbrella"][index % 4], region: zvm.name.split("-")[1] },
      });
    }
  } finally {
    await db.close();
  }
  console.log(`demo: registered them in ${getEnv().dataDir}; starting Lifeline (first visit: create the administrator)`);
  const server = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "start.ts")], { stdio: "inherit", env: process.env });
  const stop = () => {
    server.kill("SIGTERM");
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", async (code) => {
    await sim.stop();
    process.exit(code ?? 0);
  });
}

main().catch((error: unknown) => {
  console.error(`demo: ${(error as Error).message}`);
  process.exit(1);
});
