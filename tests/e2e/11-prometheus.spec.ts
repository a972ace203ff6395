import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { freePort } from "../../scripts/lib/free-port";
import { addAppliance, adminPage } from "./helpers/noc";
import { unique } from "./fixtures";
import { simulatedFleet, updateSimulatedZvm } from "./simulator";

// A real Prometheus server (Debian's) started here on loopback, with a scrape
// config and a metrics token made on the admin page, scrapes the running
// Lifeline and its simulated fleet; its query API must show each appliance's
// days until disconnect as the REST API does. It also loads the alert rules
// from docs/prometheus and runs the dashboard's queries from docs/grafana.

const PROMETHEUS = "/usr/bin/prometheus";


interface RunningPrometheus {
  url: string;
  log(): string;
  stop(): Promise<void>;
}

async function startPrometheus(lifeline: URL, token: string): Promise<RunningPrometheus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-e2e-prometheus-"));
  fs.writeFileSync(path.join(dir, "token"), token, { mode: 0o600 });
  fs.writeFileSync(
    path.join(dir, "prometheus.yml"),
    [
      "global:",
      "  scrape_interval: 2s",
      "  scrape_timeout: 2s",
      "  evaluation_interval: 2s",
      "rule_files:",
      `  - ${path.resolve("docs/prometheus/lifeline-rules.yml")}`,
      "scrape_configs:",
      "  - job_name: lifeline",
      "    metrics_path: /metrics",
      "    authorization:",
      "      type: Bearer",
      `      credentials_file: ${path.join(dir, "token")}`,
      "    static_configs:",
      `      - targets: ["${lifeline.host}"]`,
      "",
    ].join("\n"),
  );
  const port = await freePort();
  const output: string[] = [];
  const child: ChildProcess = spawn(
    PROMETHEUS,
    [
      `--config.file=${path.join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout?.on("data", (chunk) => output.push(String(chunk)));
  child.stderr?.on("data", (chunk) => output.push(String(chunk)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("error", (error) => output.push(`could not start ${PROMETHEUS}: ${error.message} (scripts/ensure-prometheus.sh installs it)`));
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => output.join("").slice(-4000),
    async stop() {
      child.kill("SIGTERM");
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function query(request: APIRequestContext, prometheus: string, promql: string) {
  const response = await request.get(`${prometheus}/api/v1/query`, { params: { query: promql } });
  const body = (await response.json()) as { status: string; error?: string; data?: { result: { metric: Record<string, string>; value: [number, string] }[] } };
  return { status: body.status, error: body.error, result: body.data?.result ?? [] };
}

/** Appliance name → days until disconnect, as the REST API shows the whole fleet. */
async function restCountdowns(request: APIRequestContext): Promise<Record<string, number | null>> {
  const response = await request.get("/api/v1/appliances?limit=500");
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: { name: string; daysUntilDisconnect: number | null }[] };
  return Object.fromEntries(items.map((item) => [item.name, item.daysUntilDisconnect]));
}

test("a real Prometheus scrapes Lifeline with a metrics token and sees each appliance's countdown as the REST API does", async ({ page }) => {
  test.setTimeout(180_000);
  await adminPage(page);
  const [healthyZvm, failingZvm, goneZvm] = simulatedFleet();
  await updateSimulatedZvm(healthyZvm.id, { scenario: "healthy" });
  await updateSimulatedZvm(failingZvm.id, { scenario: "failing", failingDays: 4 });
  await updateSimulatedZvm(goneZvm.id, { scenario: "disconnected" });
  const tenant = unique("prom");
  const names = { healthy: unique("zvm-prom-ok"), failing: unique("zvm-prom-failing"), gone: unique("zvm-prom-gone") };
  await addAppliance(page.request, healthyZvm, names.healthy, tenant, "fra");
  await addAppliance(page.request, failingZvm, names.failing, tenant, "fra");
  await addAppliance(page.request, goneZvm, names.gone, tenant, "fra");
  await expect
    .poll(async () => {
      const countdowns = await restCountdowns(page.request);
      return [countdowns[names.healthy], countdowns[names.failing], countdowns[names.gone]];
    }, { timeout: 60_000 })
    .toEqual([null, expect.any(Number), 0]);

  // The metrics token, made on the admin page like any other.
  await page.goto("/admin/tokens");
  const form = page.locator("section", { has: page.getByRole("heading", { name: "Create a token" }) });
  await form.getByLabel("Name").fill(unique("prometheus"));
  await form.getByLabel("Role").selectOption("metrics");
  await form.getByRole("button", { name: "Create token" }).click();
  await expect(form.getByRole("status")).toContainText("(metrics)");
  const token = (await form.getByTestId("new-secret").textContent())?.trim() ?? "";
  expect(token).toMatch(/^ll_/);
  // It opens /metrics and nothing else.
  expect((await page.request.get("/api/v1/appliances", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(403);

  const prometheus = await startPrometheus(new URL(test.info().project.use.baseURL as string), token);
  try {
    await expect
      .poll(
        async () => {
          const response = await page.request.get(`${prometheus.url}/api/v1/targets`).catch(() => null);
          if (!response?.ok()) return `not answering yet\n${prometheus.log()}`;
          const { data } = (await response.json()) as { data: { activeTargets: { health: string; lastError: string }[] } };
          const target = data.activeTargets[0];
          return target ? `${target.health}${target.lastError ? `: ${target.lastError}` : ""}` : "no target";
        },
        { timeout: 60_000 },
      )
      .toBe("up");

    // Prometheus's answer and the REST API's, for every appliance, until a scrape taken
    // between two equal REST reads agrees (a poll may land in between and move one).
    const compare = async () => {
      const before = await restCountdowns(page.request);
      const scraped = await query(page.request, prometheus.url, "lifeline_appliance_days_until_disconnect");
      const after = await restCountdowns(page.request);
      if (JSON.stringify(before) !== JSON.stringify(after)) return ["the fleet changed while comparing"];
      const seen: Record<string, number> = Object.fromEntries(scraped.result.map((series) => [series.metric.appliance, Number(series.value[1])]));
      const shown = Object.fromEntries(Object.entries(after).filter(([, days]) => days !== null));
      return [...new Set([...Object.keys(seen), ...Object.keys(shown)])]
        .filter((name) => seen[name] !== shown[name])
        .map((name) => `${name}: Prometheus ${seen[name]}, REST API ${shown[name]}`);
    };
    await expect.poll(compare, { timeout: 60_000, intervals: [1_000, 2_000] }).toEqual([]);
    const final = await query(page.request, prometheus.url, "lifeline_appliance_days_until_disconnect");
    const seen = Object.fromEntries(final.result.map((series) => [series.metric.appliance, Number(series.value[1])]));
    expect(seen[names.gone]).toBe(0);
    expect(seen[names.failing]).toBeGreaterThanOrEqual(10);
    expect(seen[names.healthy]).toBeUndefined();
    const failing = final.result.find((series) => series.metric.appliance === names.failing);
    expect(failing?.metric).toMatchObject({ tenant, region: "fra", kind: "zvm", mode: "polled", job: "lifeline" });

    // The alert rules load and evaluate on the real series: the disconnected appliance is caught.
    await expect
      .poll(async () => {
        const alerts = (await (await page.request.get(`${prometheus.url}/api/v1/alerts`)).json()) as {
          data: { alerts: { labels: Record<string, string>; state: string }[] };
        };
        return alerts.data.alerts.filter((alert) => alert.labels.appliance === names.gone).map((alert) => alert.labels.alertname);
      }, { timeout: 30_000 })
      .toContain("LifelineApplianceDisconnected");
    const rules = (await (await page.request.get(`${prometheus.url}/api/v1/rules`)).json()) as {
      data: { groups: { rules: { name: string; health: string; lastError?: string }[] }[] };
    };
    const evaluated = rules.data.groups.flatMap((group) => group.rules);
    expect(evaluated).toHaveLength(9);
    expect(evaluated.filter((rule) => rule.health !== "ok")).toEqual([]);

    // Every query of the Grafana dashboard runs on this Prometheus without an error.
    const dashboard = JSON.parse(fs.readFileSync("docs/grafana/lifeline-dashboard.json", "utf8")) as { panels: { targets?: { expr: string }[] }[] };
    for (const target of dashboard.panels.flatMap((panel) => panel.targets ?? [])) {
      const promql = target.expr.replaceAll("$tenant", ".*").replaceAll("$region", ".*");
      const answer = await query(page.request, prometheus.url, promql);
      expect({ promql, status: answer.status, error: answer.error }).toEqual({ promql, status: "success", error: undefined });
    }
    const byStatus = await query(page.request, prometheus.url, `sum by (status) (lifeline_appliance_billing_status{tenant="${tenant}"})`);
    expect(Object.fromEntries(byStatus.result.map((series) => [series.metric.status, Number(series.value[1])]))).toMatchObject({
      ok: 1,
      warning: 1,
      disconnected: 1,
    });
  } finally {
    await prometheus.stop();
  }
});
