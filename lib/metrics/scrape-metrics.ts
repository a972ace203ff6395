import { collectDefaultMetrics, Registry } from "prom-client";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { billingSettingsOf } from "@/lib/settings/get-settings";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { readFleetMetrics } from "./read-fleet-metrics";
import { renderMetrics, samplesOf } from "./render-metrics";

const processKey = Symbol.for("lifeline.metrics.process-registry");
type ProcessCache = { [processKey]?: Registry };

/** This web process's own metrics (CPU, memory, event loop, GC): prom-client's defaults, set up once. */
function processRegistry(): Registry {
  const cache = globalThis as ProcessCache;
  if (!cache[processKey]) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    cache[processKey] = registry;
  }
  return cache[processKey];
}

/**
 * One scrape of /metrics, for a token with the metrics role: the fleet as of
 * now, as chunks of the Prometheus text format to stream out.
 */
export async function scrapeMetrics(db: Database, actor: Actor | null, now = new Date()): Promise<AsyncGenerator<string>> {
  authorize(actor, "metrics");
  // The settings first: each part of the fleet is computed while PostgreSQL still encodes the others.
  const settings = billingSettingsOf(await getSettings(db));
  const input = await readFleetMetrics(db, now, samplesOf(settings, now));
  return renderMetrics(input, now, processRegistry());
}
