// The arithmetic of the soak benchmark (bench/soak.ts), kept free of I/O so it
// has unit tests: reading /proc figures and a Prometheus text answer, medians,
// percentiles, the least-squares RSS slope, and the verdict on each target.

/** VmRSS of a /proc/<pid>/status text, in bytes; null when absent (a zombie has none). */
export function rssBytesOfStatus(status: string): number | null {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

/**
 * CPU seconds (user + system) of a /proc/<pid>/stat text. The command name in
 * parentheses may hold spaces and parentheses, so fields count from the last ")".
 */
export function cpuSecondsOfStat(stat: string, ticksPerSecond = 100): number | null {
  const close = stat.lastIndexOf(")");
  if (close < 0) return null;
  const fields = stat.slice(close + 2).split(" ");
  // After "pid (comm) ": state is field 3, so utime (14) and stime (15) sit at offsets 11 and 12.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) return null;
  return (utime + stime) / ticksPerSecond;
}

/** Samples of a Prometheus text answer without labels, e.g. `nodejs_heap_size_used_bytes 1.2e7`. */
export function unlabelledSamples(exposition: string, names: readonly string[]): Map<string, number> {
  const wanted = new Set(names);
  const found = new Map<string, number>();
  for (const line of exposition.split("\n")) {
    if (line.startsWith("#")) continue;
    const space = line.indexOf(" ");
    if (space < 0) continue;
    const name = line.slice(0, space);
    if (!wanted.has(name)) continue;
    const value = Number(line.slice(space + 1).trim().split(" ")[0]);
    if (Number.isFinite(value)) found.set(name, value);
  }
  return found;
}

/** The value below which `share` of the values fall (nearest rank); NaN for none. */
export function percentileOf(values: readonly number[], share: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil(share * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export function medianOf(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface TimedValue {
  /** Milliseconds. */
  atMs: number;
  value: number;
}

/** Least-squares slope of value over time, per minute; NaN with fewer than two distinct times. */
export function slopePerMinute(points: readonly TimedValue[]): number {
  if (points.length < 2) return Number.NaN;
  const n = points.length;
  const meanT = points.reduce((sum, point) => sum + point.atMs, 0) / n;
  const meanV = points.reduce((sum, point) => sum + point.value, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const point of points) {
    numerator += (point.atMs - meanT) * (point.value - meanV);
    denominator += (point.atMs - meanT) ** 2;
  }
  return denominator === 0 ? Number.NaN : (numerator / denominator) * 60_000;
}

/** The points of the last `windowMs` before the newest one (all of them when the run was shorter). */
export function lastWindow(points: readonly TimedValue[], windowMs: number): TimedValue[] {
  if (points.length === 0) return [];
  const end = points[points.length - 1].atMs;
  return points.filter((point) => point.atMs >= end - windowMs);
}

export interface SoakTargets {
  /** Web + worker steady RSS limit, MB. */
  rssLimitMb: number;
  /** |slope| limit of web + worker RSS over the last 5 minutes, MB/min. */
  slopeLimitMbPerMin: number;
  pollLagP99LimitSeconds: number;
  /** Share of one core. */
  cpuLimit: number;
}

export const RSS_LIMIT_MB = { postgres: 300, embedded: 400 } as const;
export const SLOPE_LIMIT_MB_PER_MIN = 1;
export const POLL_LAG_P99_LIMIT_S = 10;
export const CPU_LIMIT_SHARE = 0.5;

export function targetsFor(database: "postgres" | "embedded"): SoakTargets {
  return {
    rssLimitMb: RSS_LIMIT_MB[database],
    slopeLimitMbPerMin: SLOPE_LIMIT_MB_PER_MIN,
    pollLagP99LimitSeconds: POLL_LAG_P99_LIMIT_S,
    cpuLimit: CPU_LIMIT_SHARE,
  };
}

export interface SoakFigures {
  steadyRssMb: number;
  slopeMbPerMin: number;
  pollLagP99Seconds: number;
  cpuShare: number;
}

export interface Verdict {
  target: string;
  measured: string;
  met: boolean;
}

/** Each target with the figure measured against it; a figure that could not be measured (NaN) is not met. */
export function verdictsOf(figures: SoakFigures, targets: SoakTargets): Verdict[] {
  const mb = (value: number) => `${value.toFixed(0)} MB`;
  return [
    {
      target: `web + worker steady RSS ≤ ${targets.rssLimitMb} MB`,
      measured: mb(figures.steadyRssMb),
      met: figures.steadyRssMb <= targets.rssLimitMb,
    },
    {
      target: `RSS slope, last 5 min, within ±${targets.slopeLimitMbPerMin} MB/min`,
      measured: `${figures.slopeMbPerMin >= 0 ? "+" : ""}${figures.slopeMbPerMin.toFixed(2)} MB/min`,
      met: Math.abs(figures.slopeMbPerMin) <= targets.slopeLimitMbPerMin,
    },
    {
      target: `poll lag p99 ≤ ${targets.pollLagP99LimitSeconds} s`,
      measured: `${figures.pollLagP99Seconds.toFixed(1)} s`,
      met: figures.pollLagP99Seconds <= targets.pollLagP99LimitSeconds,
    },
    {
      target: `CPU ≤ ${Math.round(targets.cpuLimit * 100)} % of one core`,
      measured: `${(figures.cpuShare * 100).toFixed(0)} %`,
      met: figures.cpuShare <= targets.cpuLimit,
    },
  ];
}
