import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createZvmSession, isZvmError, type ZvmSession } from "../lib/zvm";
import { spawnSimulator } from "../scripts/lib/spawn-simulator";

// Not a test: starts the simulator CLI in a child process (so client and
// simulator each get a core), then sweeps every ZVM with bounded concurrency
// and prints polls/s. Usage: tsx simulator/throughput-check.ts [--count 10000] [--concurrency 64] [--sweeps 3] [--mix]

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "10000" },
      concurrency: { type: "string", default: "64" },
      sweeps: { type: "string", default: "3" },
      mix: { type: "boolean", default: false },
    },
  });
  const count = Number(values.count);
  const concurrency = Number(values.concurrency);
  const sweeps = Number(values.sweeps);

  const sim = await spawnSimulator(["--count", String(count), "--port", "0", ...(values.mix ? ["--mix"] : [])]);
  const child = sim.child;
  try {
    const fleet = sim.fleet;
    console.log(`simulator pid ${child.pid}: ${fleet.length} ZVMs; client concurrency ${concurrency}`);

    const sessions: ZvmSession[] = fleet.map((zvm) =>
      createZvmSession(
        {
          url: zvm.url,
          username: zvm.username,
          password: zvm.password,
          authScheme: "auto",
          tlsFingerprintSha256: zvm.fingerprint,
          trustOnFirstUse: false,
        },
        { connectTimeoutMs: 5_000, requestTimeoutMs: 10_000 },
      ),
    );

    for (let sweep = 1; sweep <= sweeps; sweep++) {
      const latencies: number[] = [];
      const errors = new Map<string, number>();
      const cpuBefore = process.cpuUsage();
      const simCpuBefore = processCpuMs(child.pid!);
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < sessions.length) {
            const session = sessions[next++]!;
            const t0 = performance.now();
            try {
              await session.readSnapshot();
              latencies.push(performance.now() - t0);
            } catch (error) {
              const reason = isZvmError(error) ? error.reason : "unexpected";
              errors.set(reason, (errors.get(reason) ?? 0) + 1);
            }
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const simCpu = processCpuMs(child.pid!) - simCpuBefore;
      latencies.sort((a, b) => a - b);
      const pct = (p: number) => (latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(1);
      console.log(
        `sweep ${sweep}${sweep === 1 ? " (sign-in, auto scheme)" : " (tokens reused)"}: ${sessions.length} polls in ${seconds.toFixed(2)} s = ` +
          `${Math.round(sessions.length / seconds)} polls/s · latency p50 ${pct(0.5)} ms p95 ${pct(0.95)} ms p99 ${pct(0.99)} ms · ` +
          `client CPU ${((cpu.user + cpu.system) / 1000 / 1000).toFixed(1)} s · simulator CPU ${(simCpu / 1000).toFixed(1)} s · ` +
          `errors ${errors.size === 0 ? "none" : JSON.stringify(Object.fromEntries(errors))}`,
      );
    }
    await Promise.all(sessions.map((session) => session.close()));
  } finally {
    await sim.stop();
  }
}

/** user + system CPU of a process in ms, from /proc (Linux); 0 elsewhere. */
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return 0;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
