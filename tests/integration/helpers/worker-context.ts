import { deliverDueMessages } from "@/lib/alerts/deliver-messages";
import { dispatchDueEvents } from "@/lib/alerts/dispatch-events";
import { evaluateDueAppliances } from "@/lib/alerts/evaluate-alerts";
import type { Database } from "@/lib/db";
import { getLogger } from "@/lib/log";
import type { JobContext } from "@/lib/worker/worker-jobs";
import type { SimulatedZvmInfo } from "@/simulator";

export function jobContext(db: Database, workerId = "test-worker", signal = new AbortController().signal): JobContext {
  return { db, log: getLogger().child({ workerId }), workerId, signal, now: () => new Date() };
}

export const testAdmin = { kind: "cli", id: "test", label: "cli:test", role: "admin" } as const;
export const testOperator = { kind: "user", id: "op", label: "operator@example.net", role: "operator" } as const;
export const testViewer = { kind: "user", id: "viewer", label: "viewer@example.net", role: "viewer" } as const;

/**
 * The worker's alert steps as they run at `at`: evaluate then, dispatch and
 * deliver once the group window (`windowSeconds`) has passed. Returns that later time.
 */
export async function runAlertJobs(db: Database, at: number, windowSeconds: number): Promise<Date> {
  await evaluateDueAppliances(db, { now: new Date(at) });
  const later = new Date(at + (windowSeconds + 1) * 1000);
  await dispatchDueEvents(db, later);
  await deliverDueMessages(db, { workerId: "test-worker", log: getLogger(), now: () => later });
  return later;
}

/** What registering a simulated ZVM as a pinned, polled production appliance takes; override what a test varies. */
export function simulatedApplianceInput(zvm: SimulatedZvmInfo, name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    kind: "zvm",
    role: "production",
    mode: "polled",
    url: zvm.url,
    username: zvm.username,
    password: zvm.password,
    tlsFingerprintSha256: zvm.fingerprint,
    ...overrides,
  };
}
