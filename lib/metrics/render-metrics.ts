import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { evidenceOf } from "@/lib/appliances/appliance-view";
import { BILLING_STATUSES, READINESS_VALUES } from "@/lib/appliances/list-appliances";
import { computeBillingFigures, type BillingSettings } from "@/lib/billing";
import { CHANNEL_TYPES } from "@/lib/channels/channel-schemas";
import { HEARTBEAT_RESULTS, POLL_DURATION_BUCKETS, POLL_ERROR_REASONS, escapeLabelValue } from "./metric-counters";
import type { ApplianceMetricsRow, FleetMetricsInput, StoredCounter } from "./read-fleet-metrics";

// /metrics in the Prometheus text format. The fleet-wide families go through a
// prom-client registry made for the scrape. The per-appliance families (up to
// 11 series per appliance: about 100,000 lines at 10,000 appliances) are written
// here directly, family by family, in chunks: prom-client's formatter takes
// about 500 ms for that many series on this hardware, over the 200 ms budget.
// The billing status is a full state set (0/1 for each of its seven values);
// readiness is one series with the current state, which queries the same way
// (sum by (readiness), {readiness="blocked"}) for a quarter of the lines.

export const CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;

/** The per-appliance families, and what each says. */
export const APPLIANCE_METRICS = {
  days: {
    name: "lifeline_appliance_days_until_disconnect",
    help: "Whole days left before the ZVM disconnects from its VRAs (failing since + grace period), rounded down, never below 0; only while failing.",
  },
  disconnectAt: {
    name: "lifeline_appliance_disconnect_timestamp_seconds",
    help: "When the ZVM disconnects from its VRAs (Unix time); only while failing.",
  },
  status: {
    name: "lifeline_appliance_billing_status",
    help: "Billing status: 1 for the appliance's status, 0 for the others.",
  },
  sinceSend: {
    name: "lifeline_appliance_seconds_since_last_successful_send",
    help: "Seconds since the newest proof of a successful usage send (a passed test transmission or a collector-reported send); absent when there is none.",
  },
  skew: {
    name: "lifeline_appliance_clock_skew_seconds",
    help: "ZVM clock minus Lifeline's clock when last read, in seconds; absent when never read.",
  },
  readiness: {
    name: "lifeline_appliance_migration_readiness",
    help: "Readiness for the Zerto 9.0 billing URL change: one series per appliance, labelled with its state (ready, blocked, pending-upgrade, unknown), value 1.",
  },
} as const;

const APPLIANCE_LABELS = ["appliance", "tenant", "region", "kind", "mode"] as const;
const CHUNK = 500;

export interface ApplianceSample {
  /** appliance="…",tenant="…",region="…",kind="…",mode="…" */
  labels: string;
  status: (typeof BILLING_STATUSES)[number];
  readiness: (typeof READINESS_VALUES)[number];
  days: number | null;
  disconnectAt: number | null;
  sinceSend: number | null;
  skew: number | null;
}

/** An appliance's series values for `now`, from the function the REST API's views are made with. */
export const samplesOf = (settings: BillingSettings, now: Date) => (rows: ApplianceMetricsRow[]): ApplianceSample[] =>
  rows.map((row) => {
    const view = computeBillingFigures(evidenceOf(row), settings, now);
    const values = [row.name, row.tenant ?? "", row.region ?? "", row.kind, row.mode];
    return {
      labels: APPLIANCE_LABELS.map((label, index) => `${label}="${escapeLabelValue(values[index])}"`).join(","),
      status: view.billingStatus,
      readiness: view.migrationReadiness,
      days: view.daysUntilDisconnect,
      disconnectAt: view.disconnectAt ? view.disconnectAt.getTime() / 1000 : null,
      sinceSend: view.lastSuccessfulSendAt ? (now.getTime() - view.lastSuccessfulSendAt.getTime()) / 1000 : null,
      skew: view.clockSkewSeconds,
    };
  });

/**
 * A histogram whose buckets were counted elsewhere (MetricCounter): it serves
 * the stored totals. prom-client's registry formats a histogram from its
 * getForPromString() (and its get() reads that too).
 */
class StoredHistogram extends Histogram {
  constructor(
    private readonly stored: { buckets: Map<string, number>; sum: number; count: number },
    private readonly bounds: readonly number[],
    private readonly config: { name: string; help: string; registers: Registry[] },
  ) {
    super({ ...config, buckets: [...bounds] });
  }

  async getForPromString() {
    const metric = { name: this.config.name, help: this.config.help, type: "histogram" as const, aggregator: "sum" as const };
    let cumulative = 0;
    const bucket = (le: string) => {
      cumulative += this.stored.buckets.get(le) ?? 0;
      return { metricName: `${metric.name}_bucket`, labels: { le }, value: cumulative };
    };
    return {
      ...metric,
      values: [
        ...this.bounds.map((bound) => bucket(String(bound))),
        bucket("+Inf"),
        { metricName: `${metric.name}_sum`, labels: {}, value: this.stored.sum },
        { metricName: `${metric.name}_count`, labels: {}, value: this.stored.count },
      ],
    };
  }
}

function counterValues(counters: StoredCounter[], name: string) {
  return counters.filter((counter) => counter.name === name);
}

/** The fleet-wide families, through prom-client. */
async function renderFleet(input: FleetMetricsInput<ApplianceSample>, now: Date): Promise<string> {
  const samples = input.appliances;
  const registry = new Registry();
  const registers = [registry];

  const byStatus = new Gauge({ name: "lifeline_appliances", help: "Appliances by billing status.", labelNames: ["status"], registers });
  const byReadiness = new Gauge({
    name: "lifeline_appliances_by_migration_readiness",
    help: "Appliances by readiness for the Zerto 9.0 billing URL change.",
    labelNames: ["readiness"],
    registers,
  });
  const statusCounts = new Map<string, number>(BILLING_STATUSES.map((status) => [status, 0]));
  const readinessCounts = new Map<string, number>(READINESS_VALUES.map((readiness) => [readiness, 0]));
  for (const sample of samples) {
    statusCounts.set(sample.status, (statusCounts.get(sample.status) ?? 0) + 1);
    readinessCounts.set(sample.readiness, (readinessCounts.get(sample.readiness) ?? 0) + 1);
  }
  for (const [status, count] of statusCounts) byStatus.set({ status }, count);
  for (const [readiness, count] of readinessCounts) byReadiness.set({ readiness }, count);

  const buckets = new Map(
    counterValues(input.counters, "lifeline_poll_duration_seconds_bucket").map((counter) => [counter.labels.le, counter.value]),
  );
  const single = (name: string) => counterValues(input.counters, name)[0]?.value ?? 0;
  new StoredHistogram(
    { buckets, sum: single("lifeline_poll_duration_seconds_sum"), count: single("lifeline_poll_duration_seconds_count") },
    POLL_DURATION_BUCKETS,
    { name: "lifeline_poll_duration_seconds", help: "How long polls of ZVMs took, by every worker.", registers },
  );

  const counter = (name: string, help: string, labelName: string, values: readonly string[]) => {
    const metric = new Counter({ name, help, labelNames: [labelName], registers });
    for (const value of values) metric.inc({ [labelName]: value }, 0);
    for (const stored of counterValues(input.counters, name)) metric.inc(stored.labels, stored.value);
  };
  counter("lifeline_poll_errors_total", "Failed polls by reason (timeout, auth, tls, tls-changed, network, http, bad-response).", "reason", POLL_ERROR_REASONS);
  counter("lifeline_heartbeats_total", "Collector heartbeats by result: accepted, duplicate (sent again), rejected.", "result", HEARTBEAT_RESULTS);
  counter("lifeline_test_transmissions_total", "Finished test transmissions (sendUsage) by result.", "result", ["passed", "failed", "error"]);

  const deliveries = new Counter({
    name: "lifeline_alert_delivery_attempts_total",
    help: "Attempts to deliver alert notifications, by channel type and result (delivered or failed).",
    labelNames: ["channel_type", "result"],
    registers,
  });
  for (const type of CHANNEL_TYPES) for (const result of ["delivered", "failed"]) deliveries.inc({ channel_type: type, result }, 0);
  for (const stored of counterValues(input.counters, "lifeline_alert_delivery_attempts_total")) deliveries.inc(stored.labels, stored.value);

  const gauge = (name: string, help: string, value: number | null) => {
    if (value !== null) new Gauge({ name, help, registers }).set(value);
  };
  const secondsSince = (at: Date | null) => (at ? Math.max(0, (now.getTime() - at.getTime()) / 1000) : null);
  gauge("lifeline_alert_outbox_depth", "Alert notifications waiting in the outbox for delivery.", input.outbox.pending);
  gauge("lifeline_alert_outbox_oldest_pending_seconds", "Age of the oldest notification waiting in the outbox (0 when none waits).", secondsSince(input.outbox.oldestPendingAt) ?? 0);
  gauge("lifeline_workers_alive", "Background workers whose heartbeat is recent (within 30 s).", input.workers.alive);
  gauge("lifeline_worker_last_beat_seconds", "Seconds since the newest heartbeat of any worker; absent when no worker ever ran.", secondsSince(input.workers.lastBeatAt));
  gauge("lifeline_poll_lag_seconds", "How long the most overdue polled appliance has waited for its poll to start (0 when none waits; a poll under way is not waiting).", secondsSince(input.oldestDuePollAt) ?? 0);
  return registry.metrics();
}

function* renderAppliances(samples: ApplianceSample[]): Generator<string> {
  const family = function* (metric: { name: string; help: string }, line: (sample: ApplianceSample) => string) {
    yield `# HELP ${metric.name} ${metric.help}\n# TYPE ${metric.name} gauge\n`;
    for (let start = 0; start < samples.length; start += CHUNK) {
      let text = "";
      for (let index = start; index < Math.min(samples.length, start + CHUNK); index += 1) text += line(samples[index]);
      yield text;
    }
  };
  const value = (name: string) => (sample: ApplianceSample, number: number | null) =>
    number === null ? "" : `${name}{${sample.labels}} ${number}\n`;
  // A state set: one line per state, 1 for the current one. The tails ("ok\"} 0\n") are made once.
  const stateSet = <S extends string>(name: string, label: string, states: readonly S[]) => {
    const tails = states.map((state) => [state, `${state}"} 0\n`, `${state}"} 1\n`] as const);
    return (sample: ApplianceSample, current: S) => {
      const head = `${name}{${sample.labels},${label}="`;
      let text = "";
      for (const [state, off, on] of tails) text += head + (state === current ? on : off);
      return text;
    };
  };
  const days = value(APPLIANCE_METRICS.days.name);
  const disconnectAt = value(APPLIANCE_METRICS.disconnectAt.name);
  const sinceSend = value(APPLIANCE_METRICS.sinceSend.name);
  const skew = value(APPLIANCE_METRICS.skew.name);
  const status = stateSet(APPLIANCE_METRICS.status.name, "status", BILLING_STATUSES);
  const readiness = (sample: ApplianceSample) => `${APPLIANCE_METRICS.readiness.name}{${sample.labels},readiness="${sample.readiness}"} 1\n`;
  yield* family(APPLIANCE_METRICS.days, (sample) => days(sample, sample.days));
  yield* family(APPLIANCE_METRICS.disconnectAt, (sample) => disconnectAt(sample, sample.disconnectAt));
  yield* family(APPLIANCE_METRICS.status, (sample) => status(sample, sample.status));
  yield* family(APPLIANCE_METRICS.sinceSend, (sample) => sinceSend(sample, sample.sinceSend));
  yield* family(APPLIANCE_METRICS.skew, (sample) => skew(sample, sample.skew));
  yield* family(APPLIANCE_METRICS.readiness, readiness);
}

/**
 * The whole exposition for `now`, in chunks to write as they come: the
 * process's own metrics (when given), the fleet families, then per appliance.
 */
export async function* renderMetrics(
  input: FleetMetricsInput<ApplianceSample>,
  now: Date,
  processRegistry?: Registry,
): AsyncGenerator<string> {
  if (processRegistry) yield `${await processRegistry.metrics()}\n`;
  yield `${await renderFleet(input, now)}\n`;
  yield* renderAppliances(input.appliances);
}
