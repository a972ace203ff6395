import { sealPassword } from "@/lib/appliances/appliance-secrets";
import type { Database } from "@/lib/db";
import type { Simulator } from "@/simulator";

/**
 * Registers every ZVM of a simulator as a polled appliance, due now, in one
 * insert (registering hundreds one by one would dominate a test's time).
 */
export async function registerSimulatedFleet(db: Database, sim: Simulator, name: (id: string) => string): Promise<void> {
  await db.prisma.appliance.createMany({
    data: sim.list().map((zvm) => ({
      name: name(zvm.id),
      kind: "zvm" as const,
      role: "production" as const,
      mode: "polled" as const,
      url: zvm.url,
      username: zvm.username,
      passwordSealed: sealPassword(zvm.password),
      tlsFingerprintSha256: zvm.fingerprint,
      nextPollAt: new Date(Date.now() - 1_000),
    })),
  });
}
