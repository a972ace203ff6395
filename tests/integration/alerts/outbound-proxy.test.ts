import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueMessages } from "@/lib/alerts/deliver-messages";
import { dispatchDueEvents } from "@/lib/alerts/dispatch-events";
import { evaluateDueAppliances } from "@/lib/alerts/evaluate-alerts";
import { updateAlertingSettings } from "@/lib/alerts/update-alerting-settings";
import { registerAppliance } from "@/lib/appliances/register-appliance";
import { checkTargetNow } from "@/lib/channels/check-target";
import { createChannel } from "@/lib/channels/create-channel";
import { postWithPolicy } from "@/lib/channels/http-post";
import { AllowList } from "@/lib/channels/target-policy";
import { testChannel } from "@/lib/channels/test-channel";
import { updateChannel } from "@/lib/channels/update-channel";
import { getEnv } from "@/lib/env";
import { getLogger } from "@/lib/log";
import { SessionCache } from "@/lib/poller/session-cache";
import { sweepDueAppliances } from "@/lib/poller/poll-sweep-job";
import { updateSettings } from "@/lib/settings/update-settings";
import { startSimulator, type Simulator } from "@/simulator";
import { startConnectProxy, type ConnectProxy } from "../helpers/connect-proxy";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { jobContext, simulatedApplianceInput, testAdmin } from "../helpers/worker-context";
import type { WebhookBody } from "./helpers";
import { startPagerDutyReceiver, startWebhookReceiver, type HttpReceiver } from "./receivers";

const WINDOW_S = 5;
const ROUTING_KEY = "R0UT1NGKEY0123456789abcdef012345";
const ENV_CACHE = Symbol.for("lifeline.env");

/** Sets the process's environment as an operator would before start, and makes getEnv read it again. */
function useEnvironment(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  delete (globalThis as Record<symbol, unknown>)[ENV_CACHE];
}

describe.each(testDbKinds())("notifications through an outbound CONNECT proxy (%s)", (kind) => {
  let handle: TestDb;
  let sim: Simulator;
  let proxy: ConnectProxy;
  let hook: HttpReceiver;
  let pagerduty: HttpReceiver;
  let signingSecret = "";
  const sessions = new SessionCache(() => ({ connectTimeoutMs: 3_000, requestTimeoutMs: 5_000 }));
  const log = getLogger();
  const db = () => handle.db;
  let clock = Date.now();
  const pump = async () => {
    clock = Math.max(clock, Date.now()) + (WINDOW_S + 1) * 1000;
    await evaluateDueAppliances(db(), { now: new Date(clock) });
    await dispatchDueEvents(db(), new Date(clock));
    await deliverDueMessages(db(), { workerId: "test-worker", log, now: () => new Date(clock) });
  };
  // Names only the proxy can resolve, as outside names are for a server whose only way out is the proxy.
  const hookUrl = () => `http://hooks.lifeline.test:${hook.port}/lifeline`;
  const pagerDutyUrl = () => `http://events.pagerduty.test:${pagerduty.port}/v2/enqueue`;

  beforeAll(async () => {
    [sim, handle, hook, pagerduty] = await Promise.all([
      startSimulator({ zvms: [{ id: "failing", scenario: "failing", failingDays: 3 }], seed: 9 }),
      createTestDb(kind),
      startWebhookReceiver(() => signingSecret),
      startPagerDutyReceiver(ROUTING_KEY),
    ]);
    proxy = await startConnectProxy({ hosts: { "hooks.lifeline.test": "127.0.0.1", "events.pagerduty.test": "127.0.0.1" } });
    useEnvironment({ HTTPS_PROXY: proxy.url, NO_PROXY: undefined, https_proxy: undefined, no_proxy: undefined });
    await updateSettings(db(), testAdmin, { pollIntervalSeconds: 3_600, pollTimeoutSeconds: 5 });
    await updateAlertingSettings(db(), testAdmin, { groupWindowSeconds: WINDOW_S, disabledConditions: ["billing-day", "migration"] });
  }, 120_000);

  afterAll(async () => {
    useEnvironment({ HTTPS_PROXY: undefined, NO_PROXY: undefined });
    await sessions.closeAll();
    await Promise.all([handle?.drop(), sim?.close(), proxy?.close(), hook?.close(), pagerduty?.close()]);
  });

  it("saves channels whose names only the proxy resolves, and refuses names that point inside the network", async () => {
    expect(getEnv().outboundProxy).toMatchObject({ host: "127.0.0.1", port: Number(new URL(proxy.url).port) });
    // Without the proxy, the server insists on resolving the name itself.
    await expect(checkTargetNow(hookUrl(), new AllowList([]), "url", null)).rejects.toThrow(/hooks\.lifeline\.test could not be resolved/);
    await expect(createChannel(db(), testAdmin, { type: "slack", name: "inside", url: "https://chat.internal/hooks/x" })).rejects.toMatchObject({
      status: 422,
      field: "url",
      message: expect.stringMatching(/chat\.internal is a name under \.internal/),
    });
    await expect(createChannel(db(), testAdmin, { type: "webhook", name: "metadata", url: "http://169.254.169.254/latest" })).rejects.toMatchObject({
      message: expect.stringMatching(/link-local address/),
    });

    const created = await createChannel(db(), testAdmin, { type: "webhook", name: "noc-hook", url: hookUrl() });
    signingSecret = created.signingSecret!;
    await createChannel(db(), testAdmin, { type: "pagerduty", name: "pd", routingKey: ROUTING_KEY, endpoint: pagerDutyUrl() });
    expect(proxy.seen).toEqual([]);
  });

  it("carries an alert to the webhook and PagerDuty through the proxy's CONNECT", async () => {
    const zvm = sim.get("failing");
    await registerAppliance(db(), testAdmin, simulatedApplianceInput(zvm, "zvm-behind-proxy"));
    // Polling stays direct: the proxy sees no ZVM.
    await sweepDueAppliances(jobContext(db()), sessions);
    expect(proxy.seen).toEqual([]);
    await pump();
    await pump();

    expect(hook.received).toHaveLength(1);
    expect(hook.received[0].verified).toBe(true);
    expect(hook.received[0].headers.host).toBe(`hooks.lifeline.test:${hook.port}`);
    expect((hook.received[0].json as WebhookBody).items.map((item) => item.appliance.name)).toEqual(["zvm-behind-proxy"]);
    const events = pagerduty.received.map((entry) => entry.json as { event_action: string });
    expect(events.map((event) => event.event_action)).toEqual(["trigger"]);
    expect(proxy.seen.sort()).toEqual([`events.pagerduty.test:${pagerduty.port}`, `hooks.lifeline.test:${hook.port}`]);
  });

  it("speaks TLS to the destination inside the tunnel", async () => {
    const before = proxy.seen.length;
    const target = new URL(sim.get("failing").url);
    // The simulator's certificate is self-signed: the handshake inside the tunnel must reject it.
    await expect(
      postWithPolicy(`https://${target.host}/hook`, "{}", { headers: {}, timeoutMs: 5_000, allow: new AllowList(["127.0.0.1"]) }),
    ).rejects.toThrow(/self-signed certificate/);
    expect(proxy.seen.slice(before)).toEqual([target.host]);
  });

  it("says in words when the proxy refuses, and retries later", async () => {
    proxy.refuseWith = 403;
    try {
      const result = await testChannel(db(), testAdmin, (await db().prisma.alertChannel.findUniqueOrThrow({ where: { name: "noc-hook" } })).id);
      expect(result).toMatchObject({ ok: false, detail: `the proxy ${new URL(proxy.url).host} refused to connect to hooks.lifeline.test:${hook.port}: HTTP 403 Refused by test proxy` });
    } finally {
      proxy.refuseWith = null;
    }
  });

  it("sends destinations NO_PROXY names directly", async () => {
    useEnvironment({ HTTPS_PROXY: proxy.url, NO_PROXY: "localhost,127.0.0.0/8" });
    try {
      await updateAlertingSettings(db(), testAdmin, { allowedTargets: ["127.0.0.1"] });
      const channel = await db().prisma.alertChannel.findUniqueOrThrow({ where: { name: "noc-hook" } });
      await updateChannel(db(), testAdmin, channel.id, { url: `http://127.0.0.1:${hook.port}/direct` });
      const before = proxy.seen.length;
      hook.clear();
      const result = await testChannel(db(), testAdmin, channel.id);
      expect(result.ok).toBe(true);
      expect(hook.received).toHaveLength(1);
      expect(hook.received[0].headers.host).toBe(`127.0.0.1:${hook.port}`);
      expect(proxy.seen.length).toBe(before);
    } finally {
      useEnvironment({ HTTPS_PROXY: proxy.url, NO_PROXY: undefined });
    }
  });
});
