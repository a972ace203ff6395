import type { ProbeResult } from "./probe-endpoint";

export interface CollectorStats {
  /** Heartbeats read from ZVMs and queued. */
  produced: number;
  accepted: number;
  duplicates: number;
  /** Refused by Lifeline (bad or outside the token's scope) and dropped. */
  refused: number;
  /** Dropped because the on-disk queue was full. */
  dropped: number;
  readFailures: number;
  commandsRun: number;
  resultsDelivered: number;
  queued: { heartbeats: number; results: number };
  lastReachability: "reachable" | "unreachable" | null;
  /** Why, per endpoint, as of the last probe. */
  lastProbeResults: ProbeResult[];
}

export function emptyCollectorStats(): CollectorStats {
  return {
    produced: 0,
    accepted: 0,
    duplicates: 0,
    refused: 0,
    dropped: 0,
    readFailures: 0,
    commandsRun: 0,
    resultsDelivered: 0,
    queued: { heartbeats: 0, results: 0 },
    lastReachability: null,
    lastProbeResults: [],
  };
}
