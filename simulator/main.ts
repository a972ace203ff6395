import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseCapture, type ZvmCapture } from "../lib/zvm/capture";
import { parseArgs } from "node:util";
import { SCENARIOS, mixedFleet, type Generation, type ScenarioName, type ZvmSpec } from "./scenarios";
import { startSimulator } from "./simulator";

const USAGE = `Lifeline ZVM simulator: serves simulated Zerto ZVMs over HTTPS.

  tsx simulator/main.ts [--count 50] [--mix] [--port 9443] [--out fleet.json]
  tsx simulator/main.ts --replay capture.json [capture2.json …] [--count 0]

  --count N            how many simulated ZVMs (default 10; 0 with --replay)
  --replay FILE…       also serve captured ZVMs (npm run cli -- appliance capture), as they answered
  --no-shift           replay the captured times as they are (default: as if captured now)
  --mix                a realistic mix of scenarios (mixedFleet); otherwise --scenario for all
  --scenario NAME      ${SCENARIOS.join(" | ")} (default healthy)
  --generation G       windows | linux | mixed (default mixed; --mix decides per ZVM)
  --seed N             seeds the mix, site facts and flaky behaviour (default 1)
  --host H             listen address (default 127.0.0.1)
  --port P             fleet port: every ZVM under /zvm/<id>, control API under /_control (default 9443, 0 = any)
  --dedicated-ports    every ZVM on its own port and certificate, at the root path
  --token-ttl S        Linux access-token lifetime in seconds (default 300)
  --session-idle S     Windows session idle expiry in seconds (default 1800)
  --control-token T    require "Authorization: Bearer T" on the control API (or SIM_CONTROL_TOKEN)
  --out FILE           write the fleet (name, url, username, password, fingerprint, scenario) as JSON
  --quiet              do not print the fleet table
`;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      count: { type: "string" },
      mix: { type: "boolean", default: false },
      scenario: { type: "string", default: "healthy" },
      generation: { type: "string", default: "mixed" },
      seed: { type: "string", default: "1" },
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: "9443" },
      "dedicated-ports": { type: "boolean", default: false },
      "token-ttl": { type: "string" },
      "session-idle": { type: "string" },
      "control-token": { type: "string" },
      out: { type: "string" },
      quiet: { type: "boolean", default: false },
      replay: { type: "boolean", default: false },
      "no-shift": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const replayFiles = values.replay ? positionals : [];
  if (positionals.length > 0 && !values.replay) fail(`unexpected ${positionals[0]} (captures follow --replay)`);
  if (values.replay && replayFiles.length === 0) fail("--replay needs at least one capture file");
  const replays = await Promise.all(replayFiles.map(readCaptureFile));
  const count = integer(values.count ?? (values.replay ? "0" : "10"), "--count", values.replay ? 0 : 1, 100_000);
  const seed = integer(values.seed, "--seed", 0, 2 ** 31);
  const scenario = values.scenario as ScenarioName;
  if (!SCENARIOS.includes(scenario)) fail(`--scenario must be one of ${SCENARIOS.join(", ")}`);
  const generation = values.generation;
  if (!["windows", "linux", "mixed"].includes(generation)) fail("--generation must be windows, linux or mixed");

  const specs: ZvmSpec[] = values.mix
    ? mixedFleet(count, seed)
    : Array.from({ length: count }, (_, i) => ({
        scenario,
        generation: generation === "mixed" ? ((i % 2 === 0 ? "linux" : "windows") as Generation) : (generation as Generation),
      }));
  if (values["dedicated-ports"]) for (const spec of specs) spec.dedicatedPort = true;
  if (values.mix && generation !== "mixed") {
    for (const spec of specs) if (spec.scenario !== "pre-9") spec.generation = generation as Generation;
  }

  const sim = await startSimulator({
    zvms: specs,
    replays,
    shiftReplayTimes: !values["no-shift"],
    host: values.host,
    port: integer(values.port, "--port", 0, 65_535),
    seed,
    tokenTtlSeconds: values["token-ttl"] === undefined ? undefined : integer(values["token-ttl"], "--token-ttl", 1, 86_400),
    sessionIdleSeconds:
      values["session-idle"] === undefined ? undefined : integer(values["session-idle"], "--session-idle", 1, 86_400),
    controlToken: values["control-token"] ?? process.env.SIM_CONTROL_TOKEN,
  });
  const fleet = sim.list().map(({ id, name, url, username, password, fingerprint, scenario, generation }) => ({
    id,
    name,
    url,
    username,
    password,
    fingerprint,
    scenario,
    generation,
  }));
  if (values.out !== undefined) await writeFile(values.out, `${JSON.stringify(fleet, null, 2)}\n`);
  if (!values.quiet) {
    for (const zvm of fleet) {
      process.stdout.write(
        `${zvm.name.padEnd(20)} ${zvm.scenario.padEnd(12)} ${zvm.generation.padEnd(7)} ${zvm.url}  ${zvm.username} / ${zvm.password}  ${zvm.fingerprint}\n`,
      );
    }
  }
  process.stderr.write(
    `simulator ready: ${fleet.length} ZVMs on ${sim.url}/zvm/<id> · control API ${sim.url}/_control/zvms · ` +
      `fleet certificate ${sim.fingerprint}${values.out === undefined ? "" : ` · fleet written to ${values.out}`}\n`,
  );

  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

async function readCaptureFile(file: string): Promise<{ capture: ZvmCapture; name: string }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    fail(`${file}: ${error instanceof SyntaxError ? "not JSON" : (error as Error).message}`);
  }
  try {
    return { capture: parseCapture(json, file), name: path.basename(file).replace(/\.json$/i, "") };
  } catch (error) {
    fail((error as Error).message);
  }
}

function integer(text: string, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) fail(`${flag} must be a whole number from ${min} to ${max}`);
  return value;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}`);
  process.exit(2);
}

main().catch((error: unknown) => {
  process.stderr.write(`simulator failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
