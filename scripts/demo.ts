// `npm run demo`: a mixed fleet of simulated ZVMs plus Lifeline with them
// registered, in its own data directory (./data-demo), so a newcomer sees a
// live fleet in one command, with 90 days of generated compliance history
// (marked as demo data on every screen). Ctrl+C stops both.
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";

async function main() {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "50" },
      port: { type: "string" },
      "history-days": { type: "string", default: "90" },
      // Generated history goes into the demo's own embedded database; into PostgreSQL only when asked.
      "seed-history": { type: "boolean", default: false },
      "no-history": { type: "boolean", default: false },
    },
  });
  const historyDays = Number(values["history-days"]);
  if (!Number.isInteger(historyDays) || historyDays < 1 || historyDays > 366) throw new Error("--history-days must be 1 to 366");
  process.env.LIFELINE_DATA_DIR ??= path.resolve("data-demo");
  if (values.port) process.env.PORT = values.port;
  const { spawnSimulator } = await import("./lib/spawn-simulator");
  const { openConfiguredDatabase } = await import("../lib/db");
  const { getEnv } = await import("../lib/env");
  const { registerAppliance } = await import("../lib/appliances/register-appliance");
  const { updateSettings } = await import("../lib/settings/update-settings");
  const { seedDemoHistory } = await import("../lib/history/seed-demo-history");
  const { mixedFleet } = await import("../simulator/scenarios");
  const { createRng } = await import("../simulator/rng");

  const seed = 1;
  const sim = await spawnSimulator(["--count", values.count, "--mix", "--seed", String(seed), "--port", "0"]);
  const specs = new Map(mixedFleet(Number(values.count), seed).map((spec) => [spec.name, spec]));
  const startedAt = Date.now();
  console.log(`demo: ${sim.fleet.length} simulated ZVMs are up`);
  const actor = { kind: "cli" as const, id: "demo", label: "cli:demo", role: "admin" as const };
  const db = await openConfiguredDatabase(getEnv());
  try {
    // The simulator's addresses and certificates are new on every run: register afresh.
    await db.prisma.appliance.deleteMany({ where: { name: { startsWith: "demo-" } } });
    await updateSettings(db, actor, { pollIntervalSeconds: 60 });
    const registered = [];
    for (const [index, zvm] of sim.fleet.entries()) {
      const appliance = await registerAppliance(db, actor, {
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
      const failingDays = specs.get(zvm.name)?.failingDays ?? null;
      registered.push({
        id: appliance.id,
        name: appliance.name,
        tenant: appliance.tenant ?? "",
        region: appliance.region ?? "",
        role: appliance.role,
        sendsNothing: zvm.scenario === "trial" || zvm.scenario === "nfr",
        failingSince: failingDays === null ? null : new Date(startedAt - failingDays * 86_400_000),
      });
    }
    if (values["no-history"]) {
      console.log("demo: no generated history (--no-history)");
    } else if (!getEnv().embedded && !values["seed-history"]) {
      console.log("demo: DATABASE_URL is set: not writing generated history into it (pass --seed-history to do so anyway)");
    } else {
      const history = await seedDemoHistory(db, registered, { namePrefix: "demo-", days: historyDays, random: createRng(seed) });
      console.log(`demo: generated ${historyDays} days of history (${history.from} to ${history.to}, ${history.episodes} failure episodes), marked as demo data`);
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
