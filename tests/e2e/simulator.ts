import fs from "node:fs";
import { Agent, request as httpsRequest } from "node:https";

import type { SimulatedFleetEntry as SimulatedZvm } from "../../scripts/lib/spawn-simulator";

/** The simulated ZVMs that playwright.config.ts started for these specs. */
export function simulatedFleet(): SimulatedZvm[] {
  return JSON.parse(fs.readFileSync(process.env.LIFELINE_E2E_SIM_FLEET as string, "utf8")) as SimulatedZvm[];
}

// The simulator's certificate is self-signed and made at its start; this test
// helper talks only to it, on loopback.
const agent = new Agent({ rejectUnauthorized: false });

/** Changes a simulated ZVM's behaviour through the simulator's control API. */
export function updateSimulatedZvm(id: string, patch: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify(patch);
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      `${process.env.LIFELINE_E2E_SIM_URL}/_control/zvms/${encodeURIComponent(id)}`,
      { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on("end", () => (response.statusCode === 200 ? resolve() : reject(new Error(`control API answered ${response.statusCode}`))));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
