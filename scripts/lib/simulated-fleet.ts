// The one way benches, tests and tools register a simulator's ZVMs in bulk.
import { sealPassword } from "../../lib/appliances/appliance-secrets";
import type { Database } from "../../lib/db/client";

/** What registering needs of a simulated ZVM (the simulator's `list()` and a spawned one's `fleet` both give it). */
export interface SimulatedZvmAddress {
  id: string;
  url: string;
  username: string;
  password: string;
  fingerprint: string;
}

export interface SimulatedFleetOptions {
  /** The appliance's name for a ZVM id; the id itself by default. */
  name?: (id: string) => string;
  /** Due for a poll at once (a worker's next sweep takes them); else the database default. */
  dueNow?: boolean;
}

const BATCH = 1_000;

/**
 * Registers every ZVM as a polled production appliance, its certificate pinned,
 * a thousand to an insert (one by one would dominate a test's or a bench's time).
 */
export async function registerSimulatedFleet(db: Database, zvms: readonly SimulatedZvmAddress[], options: SimulatedFleetOptions = {}): Promise<number> {
  const name = options.name ?? ((id: string) => id);
  for (let start = 0; start < zvms.length; start += BATCH) {
    await db.prisma.appliance.createMany({
      data: zvms.slice(start, start + BATCH).map((zvm) => ({
        name: name(zvm.id),
        kind: "zvm" as const,
        role: "production" as const,
        mode: "polled" as const,
        url: zvm.url,
        username: zvm.username,
        passwordSealed: sealPassword(zvm.password),
        tlsFingerprintSha256: zvm.fingerprint,
        ...(options.dueNow ? { nextPollAt: new Date(Date.now() - 1_000) } : {}),
      })),
    });
  }
  return zvms.length;
}
