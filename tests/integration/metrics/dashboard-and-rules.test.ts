import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { sealPassword } from "@/lib/appliances/appliance-secrets";
import { scrapeMetrics } from "@/lib/metrics/scrape-metrics";
import { createTestDb, type TestDb } from "../helpers/test-db";
import { parseExposition } from "./exposition";

// docs/grafana and docs/prometheus: every query must name metrics that a real
// scrape of /metrics serves, and the rules must pass promtool's check and the
// unit tests beside them.

const run = promisify(execFile);
const PROMTOOL = "/usr/bin/promtool";
const DASHBOARD = path.join("docs", "grafana", "lifeline-dashboard.json");
const RULES = path.join("docs", "prometheus", "lifeline-rules.yml");
const RULE_TESTS = path.join("docs", "prometheus", "lifeline-rules.test.yml");
/** Series Prometheus makes itself for every target. */
const PROMETHEUS_OWN = new Set(["up", "scrape_duration_seconds", "scrape_samples_scraped"]);

const KEYWORDS = new Set(["and", "or", "unless", "bool", "by", "without", "on", "ignoring", "group_left", "group_right", "offset", "inf", "nan"]);

/** The metric names a PromQL expression selects (functions, labels, keywords and literals left out). */
function metricNamesIn(expression: string): string[] {
  const labelValues = /^\s*label_values\((.*),\s*[a-zA-Z_]\w*\s*\)\s*$/.exec(expression);
  const text = (labelValues ? labelValues[1] : expression)
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, " ")
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ")
    .replace(/\boffset\s+\w+/g, " ")
    .replace(/(^|[^\w:])\d+(\.\d+)?([eE][+-]?\d+)?/g, "$1 ");
  const names = [...text.matchAll(/[a-zA-Z_:][\w:]*(?!\s*\(|[\w:])/g)].map((match) => match[0]).filter((name) => !KEYWORDS.has(name.toLowerCase()));
  return [...new Set(names)];
}

describe("metricNamesIn", () => {
  it.each([
    ['sum by (le) (rate(lifeline_poll_duration_seconds_bucket{job="x"}[5m]))', ["lifeline_poll_duration_seconds_bucket"]],
    ["lifeline_a > 48 * 3600 unless on(appliance) lifeline_b{status=\"exempt\"} == 1", ["lifeline_a", "lifeline_b"]],
    ["label_values(lifeline_c{tenant=~\"$tenant\"}, region)", ["lifeline_c"]],
    ["histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m]))) * 1e3", ["x_bucket"]],
    ["up{job=\"lifeline\"} == 0", ["up"]],
    ["sort(lifline_typo)", ["lifline_typo"]],
  ])("%s", (expression, names) => {
    expect(metricNamesIn(expression)).toEqual(names);
  });
});

describe("the Grafana dashboard and the Prometheus rules", () => {
  let handle: TestDb;
  let exposed: Set<string>;

  beforeAll(async () => {
    handle = await createTestDb("embedded");
    const now = Date.now();
    // A fleet on which every family has series: a failing appliance, a proven send, a skewed clock, a worker.
    await handle.db.prisma.appliance.create({
      data: {
        name: "zvm-a", kind: "zvm", role: "production", mode: "polled", url: "https://a:9669", username: "u", passwordSealed: sealPassword("x"),
        lastDataAt: new Date(now), alertsObservedAt: new Date(now), version: "9.7.10", licenseType: "Cloud", clockSkewSeconds: 90,
        billingAlertActive: true, billingAlertTurnedOn: new Date(now - 86_400_000), disconnectionAlertActive: false,
        lastSuccessfulSendAt: new Date(now - 3 * 86_400_000), lastSuccessfulSendSource: "collector",
      },
    });
    await handle.db.prisma.workerHeartbeat.create({ data: { workerId: "w", hostname: "h", pid: 1, startedAt: new Date(now), beatAt: new Date(now) } });
    const scrape = await scrapeMetrics(handle.db, { kind: "token", id: "t", label: "token:prometheus", role: "metrics" });
    let text = "";
    for await (const chunk of scrape) text += chunk;
    const { samples, types } = parseExposition(text);
    exposed = new Set([...samples.map((sample) => sample.name), ...types.keys()]);
  });
  afterAll(async () => {
    await handle?.drop();
  });

  it("a scrape serves every family the dashboard and rules are built on", () => {
    for (const name of [
      "lifeline_appliance_days_until_disconnect",
      "lifeline_appliance_billing_status",
      "lifeline_appliance_seconds_since_last_successful_send",
      "lifeline_appliance_clock_skew_seconds",
      "lifeline_appliance_migration_readiness",
      "lifeline_workers_alive",
      "lifeline_worker_last_beat_seconds",
      "lifeline_poll_duration_seconds_bucket",
    ]) {
      expect(exposed.has(name), name).toBe(true);
    }
  });

  it("the dashboard is valid JSON whose every query names metrics /metrics serves", () => {
    const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, "utf8")) as { panels: unknown[]; templating: { list: unknown[] }; uid: string };
    expect(dashboard.uid).toBe("lifeline-billing");
    const queries: string[] = [];
    const visit = (node: unknown, key = "") => {
      if (typeof node === "string" && (key === "expr" || key === "query" || key === "definition")) queries.push(node);
      else if (Array.isArray(node)) node.forEach((item) => visit(item));
      else if (node && typeof node === "object") for (const [name, value] of Object.entries(node)) visit(value, name);
    };
    visit(dashboard.panels);
    visit(dashboard.templating.list.filter((variable) => (variable as { type: string }).type === "query"));
    expect(queries.length).toBeGreaterThanOrEqual(25);
    const ids = new Set<number>();
    for (const panel of dashboard.panels as { id: number; gridPos: unknown }[]) {
      expect(ids.has(panel.id), `panel id ${panel.id} repeats`).toBe(false);
      ids.add(panel.id);
      expect(panel.gridPos).toBeDefined();
    }
    for (const query of queries) {
      const names = metricNamesIn(query);
      expect(names.length, query).toBeGreaterThan(0);
      for (const name of names) expect(exposed.has(name), `${name} in ${query}`).toBe(true);
    }
  });

  it("the rules name metrics /metrics serves (or Prometheus's own up)", () => {
    const rules = YAML.parse(fs.readFileSync(RULES, "utf8")) as { groups: { rules: { alert: string; expr: string }[] }[] };
    const all = rules.groups.flatMap((group) => group.rules);
    expect(all.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining(["LifelineDisconnectWithin7Days", "LifelineDisconnectWithin2Days", "LifelineNoProofOfSend48h", "LifelineWorkerDown"]),
    );
    for (const rule of all) {
      const names = metricNamesIn(rule.expr);
      expect(names.length, rule.alert).toBeGreaterThan(0);
      for (const name of names) expect(exposed.has(name) || PROMETHEUS_OWN.has(name), `${name} in ${rule.alert}`).toBe(true);
    }
  });

  it("the rules pass promtool check rules and their unit tests", async () => {
    const check = await run(PROMTOOL, ["check", "rules", RULES]);
    expect(check.stdout).toMatch(/SUCCESS: 9 rules found/);
    const tests = await run(PROMTOOL, ["test", "rules", RULE_TESTS]);
    expect(tests.stdout).toMatch(/SUCCESS/);
  });
});
