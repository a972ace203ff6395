import type { Database } from "@/lib/db";
import { getLogger } from "@/lib/log";
import type { JobContext } from "@/lib/worker/worker-jobs";

export function jobContext(db: Database, workerId = "test-worker", signal = new AbortController().signal): JobContext {
  return { db, log: getLogger().child({ workerId }), workerId, signal, now: () => new Date() };
}

export const testAdmin = { kind: "cli", id: "test", label: "cli:test", role: "admin" } as const;
export const testOperator = { kind: "user", id: "op", label: "operator@example.net", role: "operator" } as const;
export const testViewer = { kind: "user", id: "viewer", label: "viewer@example.net", role: "viewer" } as const;
