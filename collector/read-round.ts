import type { Logger } from "pino";
import type { HeartbeatInput } from "@/lib/heartbeats/heartbeat-schema";
import type { CollectorConfig } from "./collector-config";
import type { CollectorStats } from "./collector-stats";
import type { Outbox } from "./outbox";
import { probeEndpoints } from "./probe-endpoint";
import type { ZvmReader } from "./zvm-reader";

export interface ReadRound {
  /** Reads every ZVM once (and probes the billing endpoints when due) and queues the heartbeats. */
  run(): Promise<void>;
  /** Queues the readings that succeeded and wakes the sender. */
  queue(heartbeats: (HeartbeatInput | null)[]): Promise<void>;
}

interface ReadRoundParts {
  config: CollectorConfig;
  reader: ZvmReader;
  outbox: Outbox;
  stats: CollectorStats;
  log: Logger;
  wakeSender: () => void;
  isStopped: () => boolean;
}

/** A round of readings, `config.concurrency` ZVMs at a time; the billing probe runs at its own interval. */
export function createReadRound({ config, reader, outbox, stats, log, wakeSender, isStopped }: ReadRoundParts): ReadRound {
  let lastProbeAt = Number.NEGATIVE_INFINITY;

  async function probeIfDue(): Promise<"reachable" | "unreachable" | undefined> {
    const probe = config.billingProbe;
    if (!probe || Date.now() - lastProbeAt < probe.intervalSeconds * 1000) return undefined;
    lastProbeAt = Date.now();
    const { reachability, results } = await probeEndpoints(probe.endpoints, {
      proxy: probe.proxy,
      timeoutMs: probe.timeoutSeconds * 1000,
      trustedCas: probe.trustedCas,
    });
    stats.lastReachability = reachability;
    stats.lastProbeResults = results;
    log[reachability === "reachable" ? "info" : "warn"]({ results }, `new billing endpoint ${reachability}`);
    return reachability;
  }

  async function queue(heartbeats: (HeartbeatInput | null)[]): Promise<void> {
    const found = heartbeats.filter((heartbeat): heartbeat is HeartbeatInput => heartbeat !== null);
    if (found.length === 0) return;
    await outbox.addHeartbeats(found);
    stats.produced += found.length;
    wakeSender();
  }

  async function run(): Promise<void> {
    const reachability = await probeIfDue();
    const waiting = [...config.zvms];
    const heartbeats: (HeartbeatInput | null)[] = [];
    const lane = async () => {
      for (let zvm = waiting.shift(); zvm && !isStopped(); zvm = waiting.shift()) heartbeats.push(await reader.read(zvm, reachability));
    };
    await Promise.all(Array.from({ length: Math.min(config.concurrency, config.zvms.length) }, lane));
    await queue(heartbeats);
  }

  return { run, queue };
}
