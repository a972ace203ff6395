import { recordCollectorResult } from "@/lib/test-transmissions/record-collector-result";
import type { CollectorHandler } from "./collector-route";
import { MAX_BODY_BYTES } from "@/lib/heartbeats/heartbeat-schema";
import { ingestHeartbeats } from "@/lib/heartbeats/ingest-heartbeats";

// The collector routes, once: app/ serves them through Next.js and the
// collector listener (collector-listener.ts) serves the same handlers directly.

/** A collector's heartbeats: one, or {heartbeats: [...]} with up to 500. */
export const postHeartbeats: CollectorHandler<Record<string, never>> = async ({ db, actor, header, readJson }) =>
  ingestHeartbeats(db, actor, await readJson(MAX_BODY_BYTES), { knownPatternsVersion: header("x-lifeline-alert-patterns") });

/** The outcome of a test transmission a collector was handed. */
export const postTestTransmissionResult: CollectorHandler<{ id: string }> = async ({ db, actor, params, readJson }) =>
  recordCollectorResult(db, actor, params.id, await readJson(16 * 1024));
