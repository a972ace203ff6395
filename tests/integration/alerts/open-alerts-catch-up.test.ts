import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDueMessages } from "@/lib/alerts/deliver-messages";
import { dispatchDueEvents } from "@/lib/alerts/dispatch-events";
import { evaluateDueAppliances } from "@/lib/alerts/evaluate-alerts";
import { updateAlertingSettings } from "@/lib/alerts/update-alerting-settings";
import { registerAppliance } from "@/lib/appliances/register-appliance";
import { createChannel } from "@/lib/channels/create-channel";
import { updateChannel } from "@/lib/channels/update-channel";
import { getLogger } from "@/lib/log";
import { SessionCache } from "@/lib/poller/session-cache";
import { sweepDueAppliances } from "@/lib/poller/poll-sweep-job";
import { updateSettings } from "@/lib/settings/update-settings";
import { startSimulator, type Simulator } from "@/simulator";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { jobContext, simulatedApplianceInput, testAdmin } from "../helpers/worker-context";
import type { WebhookBody } from "./helpers";
import { startPagerDutyReceiver, startWebhookReceiver, type HttpReceiver } from "./receivers";

const WINDOW_S = 5;
const ROUTING_KEY = "R0UT1NGKEY0123456789abcdef012345";

describe.each(testDbKinds())("a new channel catches up with the open alerts (%s)", (kind) => {
  let handle: TestDb;
  let sim: Simulator;
  let late: HttpReceiver;
  let quiet: HttpReceiver;
  let pagerduty: HttpReceiver;
  const secrets = { late: "", quiet: "quiet-signing-secret-0123456789" };
  const sessions = new SessionCache(() => ({ connectTimeoutMs: 3_000, requestTimeoutMs: 5_000 }));
  const log = getLogger();
  const db = () => handle.db;
  const webhooks = (receiver: HttpReceiver) => receiver.received.map((entry) => entry.json as WebhookBody & { items: { summary: string }[] });
  let clock = Date.now();
  /** One round of the worker's alert jobs, a group window later each time. */
  const pump = async () => {
    clock = Math.max(clock, Date.now()) + (WINDOW_S + 1) * 1000;
    await evaluateDueAppliances(db(), { now: new Date(clock) });
    await dispatchDueEvents(db(), new Date(clock));
    await deliverDueMessages(db(), { workerId: "test-worker", log, now: () => new Date(clock) });
  };
  const openAlertIds = async () => (await db().prisma.alert.findMany({ where: { status: "open" }, orderBy: { dedupKey: "asc" } })).map((alert) => alert.dedupKey);

  beforeAll(async () => {
    [sim, handle, late, quiet, pagerduty] = await Promise.all([
      startSimulator({
        zvms: [
          { id: "fail-a", scenario: "failing", failingDays: 4 },
          { id: "fail-b", scenario: "failing", failingDays: 12 },
          { id: "fine", scenario: "healthy" },
        ],
        seed: 5,
      }),
      createTestDb(kind),
      startWebhookReceiver(() => secrets.late),
      startWebhookReceiver(() => secrets.quiet),
      startPagerDutyReceiver(ROUTING_KEY),
    ]);
    await updateSettings(db(), testAdmin, { pollIntervalSeconds: 3_600, pollTimeoutSeconds: 5 });
    await updateAlertingSettings(db(), testAdmin, { groupWindowSeconds: WINDOW_S, disabledConditions: ["billing-day", "migration"], allowedTargets: ["127.0.0.1"] });
    for (const zvm of sim.list()) {
      await registerAppliance(db(), testAdmin, simulatedApplianceInput(zvm, `zvm-${zvm.id}`, { tags: { tenant: zvm.id === "fail-a" ? "a" : "b" } }));
    }
    await sweepDueAppliances(jobContext(db()), sessions);
    // Two billing alerts open with no channel to hear them.
    await pump();
    await pump();
  }, 120_000);

  afterAll(async () => {
    await sessions.closeAll();
    await Promise.all([handle?.drop(), sim?.close(), late?.close(), quiet?.close(), pagerduty?.close()]);
  });

  it("sends a webhook channel created after two alerts opened both, once, as one message", async () => {
    const open = await openAlertIds();
    expect(open).toHaveLength(2);
    expect(await db().prisma.alertMessage.count()).toBe(0);

    const created = await createChannel(db(), testAdmin, { type: "webhook", name: "late-hook", url: `${late.url}/lifeline` });
    secrets.late = created.signingSecret!;
    expect(created.openAlertsQueued).toBe(2);
    await pump();
    expect(late.received).toHaveLength(1);
    expect(late.received[0].verified).toBe(true);
    const [message] = webhooks(late);
    expect(message).toMatchObject({ kind: "open-alerts", severity: "critical", title: "2 alerts open now, sent once to this channel: 2 appliances" });
    expect(message.items.map((item) => item.dedupKey).sort()).toEqual(open);
    expect(message.items.map((item) => item.appliance.name)).toEqual(["zvm-fail-a", "zvm-fail-b"]);
    expect(message.items.every((item) => item.action === "trigger")).toBe(true);
    expect(message.items[0].summary).toMatch(/^Usage not sent since /);

    // Later sweeps, polls and evaluations send nothing again.
    await db().prisma.appliance.updateMany({ data: { nextPollAt: new Date() } });
    await sweepDueAppliances(jobContext(db()), sessions);
    await pump();
    await pump();
    expect(late.received).toHaveLength(1);
    const audit = await db().prisma.auditLog.findMany({ where: { action: "channel.send-open-alerts" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ target: "channel:late-hook", detail: expect.objectContaining({ alerts: 2 }) });
  });

  it("sends nothing when 'send what is open now' is unticked, and catches up when the routes change", async () => {
    const created = await createChannel(db(), testAdmin, {
      type: "webhook",
      name: "quiet-hook",
      url: quiet.url,
      signingSecret: secrets.quiet,
      sendOpenAlerts: false,
      routes: [{ minSeverity: "critical" }],
    });
    expect(created.openAlertsQueued).toBe(0);
    await pump();
    expect(quiet.received).toHaveLength(0);

    // New routes that match only tenant a: that alert, once.
    const updated = await updateChannel(db(), testAdmin, created.channel.id, { routes: [{ minSeverity: "warning", tag: "tenant:a" }] });
    expect(updated.openAlertsQueued).toBe(1);
    await pump();
    expect(webhooks(quiet).map((body) => body.items.map((item) => item.appliance.name))).toEqual([["zvm-fail-a"]]);

    // Saving the same routes again, or widening them with the box unticked, sends nothing more.
    expect((await updateChannel(db(), testAdmin, created.channel.id, { routes: [{ minSeverity: "warning", tag: "tenant:a" }] })).openAlertsQueued).toBe(0);
    expect((await updateChannel(db(), testAdmin, created.channel.id, { routes: [{ minSeverity: "warning" }], sendOpenAlerts: false })).openAlertsQueued).toBe(0);
    // Widened again with the box ticked: only the alert it has not had.
    expect((await updateChannel(db(), testAdmin, created.channel.id, { routes: [{ minSeverity: "info" }] })).openAlertsQueued).toBe(1);
    await pump();
    expect(webhooks(quiet).map((body) => body.items.map((item) => item.appliance.name))).toEqual([["zvm-fail-a"], ["zvm-fail-b"]]);
  });

  it("pages PagerDuty once per open alert, with the alert's dedup key", async () => {
    const created = await createChannel(db(), testAdmin, { type: "pagerduty", name: "pd", routingKey: ROUTING_KEY, endpoint: `${pagerduty.url}/v2/enqueue` });
    expect(created.openAlertsQueued).toBe(2);
    await pump();
    const events = pagerduty.received.map((entry) => entry.json as { event_action: string; dedup_key: string; payload: { class: string } });
    expect(pagerduty.received.every((entry) => entry.problems?.length === 0)).toBe(true);
    expect(events.map((event) => event.event_action)).toEqual(["trigger", "trigger"]);
    expect(events.map((event) => event.dedup_key).sort()).toEqual(await openAlertIds());
    expect(events.map((event) => event.payload.class)).toEqual(["billing", "billing"]);
    await pump();
    expect(pagerduty.received).toHaveLength(2);
  });
});
