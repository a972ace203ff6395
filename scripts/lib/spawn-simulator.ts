import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import type { SimulatedZvmInfo } from "../../simulator";

/** One line of the fleet file the simulator writes with --out. */
export type SimulatedFleetEntry = Pick<SimulatedZvmInfo, "id" | "name" | "url" | "username" | "password" | "fingerprint" | "scenario" | "generation">;

export interface SpawnedSimulator {
  child: ChildProcess;
  fleet: SimulatedFleetEntry[];
  stop(): Promise<void>;
}

/**
 * Runs the ZVM simulator in its own process (its own core), waits until it
 * listens, and returns the fleet it serves.
 */
export async function spawnSimulator(args: string[]): Promise<SpawnedSimulator> {
  const dir = await mkdtemp(path.join(tmpdir(), "lifeline-sim-"));
  const out = path.join(dir, "fleet.json");
  const root = path.resolve(__dirname, "..", "..");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "simulator", "main.ts"), ...args, "--quiet", "--out", out], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let text = "";
      child.stderr!.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes("simulator ready")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`the simulator exited (${code}): ${text.slice(-2000)}`)));
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const fleet = JSON.parse(await readFile(out, "utf8")) as SimulatedFleetEntry[];
  return { child, fleet, stop };
}
