import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { createSilence } from "@/lib/alerts/create-silence";
import { deliverDueMessages } from "@/lib/alerts/deliver-messages";
import { endSilence } from "@/lib/alerts/end-silence";
import { getAlert } from "@/lib/alerts/get-alert";
import { listAlerts } from "@/lib/alerts/list-alerts";
import { updateAlertingSettings } from "@/lib/alerts/update-alerting-settings";
import { registerAppliance } from "@/lib/appliances/register-appliance";
import { createChannel } from "@/lib/channels/create-channel";
import { testChannel } from "@/lib/channels/test-channel";
import { getLogger } from "@/lib/log";
import { SessionCache } from "@/lib/poller/session-cache";
import { sweepDueAppliances } from "@/lib/poller/poll-sweep-job";
import { updateSettings } from "@/lib/settings/update-settings";
import { startSimulator, type Simulator, type ZvmSpec } from "@/simulator";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { jobContext, runAlertJobs, simulatedApplianceInput, testAdmin, testOperator, testViewer } from "../helpers/worker-context";
import { waitFor, type WebhookBody } from "./helpers";
import {
  startChatReceiver,
  startPagerDutyReceiver,
  startSmtpReceiver,
  startWebhookReceiver,
  type HttpReceiver,
  type SmtpReceiver,
} from "./receivers";

const DAY_MS = 86_400_000;
const WINDOW_S = 60;
const STORM = 100;
const ROUTING_KEY = "R0UT1NGKEY0123456789abcdef012345";

const named: ZvmSpec[] = ["flip", "remind", "tenant-a", "outage", "silenced", "acked"].map((id) => ({ id, scenario: "healthy" as const }));
const storm: ZvmSpec[] = Array.from({ length: STORM }, (_, index) => ({ id: `storm-${index}`, scenario: "healthy" as const }));

describe.each(testDbKinds())("on-call alerting end to end (%s)", (kind) => {
  let handle: TestDb;
  let sim: Simulator;
  let hook: HttpReceiver;
  let teamA: HttpReceiver;
  let slack: HttpReceiver;
  let teams: HttpReceiver;
  let pagerduty: HttpReceiver;
  let smtp: SmtpReceiver;
  const secrets = { hook: "", teamA: "" };
  const ids = new Map<string, string>();
  // Generous timeouts: these tests are about alerting, and a loaded CI machine must not turn a poll into a timeout.
  const sessions = new SessionCache(() => ({ connectTimeoutMs: 10_000, requestTimeoutMs: 20_000 }));
  const log = getLogger();

  const db = () => handle.db;
  const poll = async (simIds: string[]) => {
    await db().prisma.appliance.updateMany({ where: { id: { in: simIds.map((id) => ids.get(id)!) } }, data: { nextPollAt: new Date() } });
    await sweepDueAppliances(jobContext(db()), sessions);
  };
  /** The worker's three steps, with the group window passed: evaluate now, dispatch and deliver just after the window. */
  const pump = (at = Date.now()) => runAlertJobs(db(), at, WINDOW_S);
  const webhooks = (receiver: HttpReceiver) => receiver.received.map((entry) => entry.json as WebhookBody);
  const allHttp = () => [hook, teamA, slack, teams, pagerduty];
  const clearAll = () => {
    for (const receiver of allHttp()) receiver.clear();
    smtp.mails.length = 0;
  };

  beforeAll(async () => {
    [sim, handle, hook, teamA, slack, teams, pagerduty, smtp] = await Promise.all([
      startSimulator({ zvms: [...named, ...storm], seed: 11 }),
      createTestDb(kind),
      startWebhookReceiver(() => secrets.hook),
      startWebhookReceiver(() => secrets.teamA),
      startChatReceiver(),
      startChatReceiver(),
      startPagerDutyReceiver(ROUTING_KEY),
      startSmtpReceiver(),
    ]);
    // Hour-long polls keep the fleet fresh (not stale) for the whole run; the billing-day
    // condition would fire on the 1st and 2nd of a month and has its own unit tests.
    await updateSettings(db(), testAdmin, { pollIntervalSeconds: 3_600, pollConcurrency: 32, pollTimeoutSeconds: 20 });
    await updateAlertingSettings(db(), testAdmin, { groupWindowSeconds: WINDOW_S, disabledConditions: ["billing-day"], deliveryTimeoutSeconds: 2 });
    for (const zvm of sim.list()) {
      const appliance = await registerAppliance(
        db(),
        testAdmin,
        simulatedApplianceInput(zvm, `zvm-${zvm.id}`, { tags: { tenant: zvm.id === "tenant-a" ? "a" : "b", region: "ams" } }),
      );
      ids.set(zvm.id, appliance.id);
    }
    await sweepDueAppliances(jobContext(db()), sessions);
    await pump();
  }, 120_000);

  afterAll(async () => {
    await sessions.closeAll();
    await Promise.all([handle?.drop(), sim?.close(), ...[hook, teamA, slack, teams, pagerduty, smtp].map((receiver) => receiver?.close())]);
  });

  beforeEach(() => clearAll());

  it("refuses a loopback webhook until an admin allow-lists it, and re-checks at delivery", async () => {
    const refused = createChannel(db(), testAdmin, { type: "webhook", name: "hooks", url: `${hook.url}/lifeline` });
    await expect(refused).rejects.toMatchObject({ status: 422, field: "url", message: expect.stringMatching(/127\.0\.0\.1 is a loopback address/) });
    await expect(createChannel(db(), testAdmin, { type: "slack", name: "slack", url: "http://169.254.169.254/latest" })).rejects.toMatchObject({
      message: expect.stringMatching(/link-local/),
    });

    await updateAlertingSettings(db(), testAdmin, { allowedTargets: ["127.0.0.1"] });
    const created = await createChannel(db(), testAdmin, { type: "webhook", name: "hooks", url: `${hook.url}/lifeline` });
    secrets.hook = created.signingSecret!;
    expect(created.signingSecret).toMatch(/^whsec_/);
    expect(created.channel.target).toBe(`${hook.url}/…`);
    expect(JSON.stringify(created.channel)).not.toContain(secrets.hook);
    const teamAChannel = await createChannel(db(), testAdmin, {
      type: "webhook",
      name: "team-a",
      url: teamA.url,
      signingSecret: "team-a-signing-secret-0123456789",
      routes: [{ minSeverity: "warning", tag: "tenant:a" }],
    });
    secrets.teamA = "team-a-signing-secret-0123456789";
    expect(teamAChannel.signingSecret).toBeNull();
    await createChannel(db(), testAdmin, { type: "slack", name: "slack", url: slack.url });
    await createChannel(db(), testAdmin, { type: "teams", name: "teams", url: teams.url });
    await createChannel(db(), testAdmin, { type: "pagerduty", name: "pagerduty", routingKey: ROUTING_KEY, endpoint: `${pagerduty.url}/v2/enqueue` });
    await createChannel(db(), testAdmin, {
      type: "email",
      name: "email",
      host: "127.0.0.1",
      port: smtp.port,
      security: "none",
      from: "lifeline@alerts.example.net",
      to: ["oncall@example.net"],
    });

    // Delivery checks again: with the allow-list emptied, the same target is refused.
    await updateAlertingSettings(db(), testAdmin, { allowedTargets: [] });
    const test = await testChannel(db(), testAdmin, created.channel.id);
    expect(test).toMatchObject({ ok: false, detail: expect.stringMatching(/^refused: 127\.0\.0\.1 is a loopback address/) });
    expect(hook.received).toHaveLength(0);
    await updateAlertingSettings(db(), testAdmin, { allowedTargets: ["127.0.0.1"] });
    expect(await testChannel(db(), testAdmin, created.channel.id)).toMatchObject({ ok: true, detail: "http 200" });
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0].verified).toBe(true);
    expect(webhooks(hook)[0]).toMatchObject({ kind: "test", items: [] });
  });

  it("sends every channel's test message the way each receiver expects", async () => {
    const channels = await db().prisma.alertChannel.findMany({ orderBy: { name: "asc" } });
    for (const channel of channels) {
      expect(await testChannel(db(), testAdmin, channel.id), channel.name).toMatchObject({ ok: true });
    }
    expect(pagerduty.received.map((entry) => [(entry.json as { event_action: string }).event_action, entry.problems])).toEqual([
      ["trigger", []],
      ["resolve", []],
    ]);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].subject).toMatch(/^\[Lifeline\] \[INFO\] Test message for channel "email"/);
    expect(slack.received).toHaveLength(1);
    expect(teams.received).toHaveLength(1);
  });

  it("a ZVM that starts failing: exactly one \"started\" per routed channel, whatever the worker runs after", async () => {
    sim.update("flip", { scenario: "failing", failingDays: 2 });
    await poll(["flip"]);
    await pump();
    await pump();
    await poll(["flip"]);
    await pump();

    expect(webhooks(hook)).toHaveLength(1);
    expect(hook.received[0].verified).toBe(true);
    const [body] = webhooks(hook);
    expect(body).toMatchObject({ condition: "billing", step: "started", severity: "warning", title: "1 appliance stopped sending usage to Zerto" });
    expect(body.items).toEqual([
      expect.objectContaining({ dedupKey: `appliance:${ids.get("flip")}:billing`, appliance: expect.objectContaining({ name: "zvm-flip" }), daysUntilDisconnect: 12 }),
    ]);
    expect(hook.received[0].headers["idempotency-key"]).toBe(body.idempotencyKey);
    expect(slack.received).toHaveLength(1);
    expect(JSON.stringify(slack.received[0].json)).toContain("zvm-flip");
    expect(teams.received).toHaveLength(1);
    expect((teams.received[0].json as { attachments: { contentType: string }[] }).attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(pagerduty.received).toHaveLength(1);
    expect(pagerduty.received[0].problems).toEqual([]);
    expect(pagerduty.received[0].json).toMatchObject({ event_action: "trigger", dedup_key: `appliance:${ids.get("flip")}:billing`, payload: { severity: "warning", source: "zvm-flip" } });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].to).toEqual(["oncall@example.net"]);
    expect(smtp.mails[0].subject).toBe("[Lifeline] [WARNING] 1 appliance stopped sending usage to Zerto");
    // Tenant b's appliance: team A's channel hears nothing.
    expect(teamA.received).toHaveLength(0);

    const { items } = await listAlerts(db(), testViewer, { applianceId: ids.get("flip") });
    expect(items.map((alert) => [alert.condition, alert.status, alert.step])).toEqual(
      expect.arrayContaining([["billing", "open", "started"]]),
    );
    const alert = await getAlert(db(), testViewer, items.find((candidate) => candidate.condition === "billing")!.id);
    expect(alert.deliveries.map((delivery) => [delivery.channel.name, delivery.status])).toEqual(
      expect.arrayContaining([["hooks", "delivered"], ["pagerduty", "delivered"], ["email", "delivered"], ["slack", "delivered"], ["teams", "delivered"]]),
    );
    expect(alert.deliveries).toHaveLength(5);
  });

  it("routes by tag: tenant A's appliance reaches team A's channel too", async () => {
    sim.update("tenant-a", { scenario: "failing", failingDays: 1 });
    await poll(["tenant-a"]);
    await pump();
    expect(webhooks(teamA).map((body) => [body.step, body.items.map((item) => item.appliance.name)])).toEqual([["started", ["zvm-tenant-a"]]]);
    expect(teamA.received[0].verified).toBe(true);
    expect(webhooks(hook)).toHaveLength(1);
  });

  it("reminds once at a threshold: an appliance placed 4 s before its 5-days-left reminder", async () => {
    // 9 days minus 4 s ago: 6 days and 4 s before the disconnect, so "6 days left" now and "5 days" in 4 s.
    const placedAt = Date.now();
    sim.update("remind", { scenario: "failing", failingDays: 9 - 4 / 86_400 });
    await poll(["remind"]);
    await pump();
    expect(webhooks(hook).map((body) => [body.step, body.items[0].daysUntilDisconnect])).toEqual([["started", 6]]);
    expect(pagerduty.received).toHaveLength(1);

    await waitFor("the threshold to pass", () => Date.now() > placedAt + 4_500);
    await poll(["remind"]);
    await pump();
    await pump();
    expect(webhooks(hook).map((body) => [body.step, body.severity, body.items[0].daysUntilDisconnect])).toEqual([
      ["started", "warning", 6],
      ["reminder", "critical", 5],
    ]);
    expect(pagerduty.received.map((entry) => (entry.json as { event_action: string; payload?: { severity: string } }).payload?.severity)).toEqual(["warning", "critical"]);
    expect(new Set(pagerduty.received.map((entry) => (entry.json as { dedup_key: string }).dedup_key)).size).toBe(1);
  });

  it("recovery sends one \"resolved\", with PagerDuty's resolve on the same dedup key", async () => {
    sim.update("flip", { failingDays: null });
    await poll(["flip"]);
    await pump();
    await pump();
    const dedupKey = `appliance:${ids.get("flip")}:billing`;
    expect(webhooks(hook).map((body) => [body.step, body.items.map((item) => [item.dedupKey, item.action])])).toEqual([["recovered", [[dedupKey, "resolve"]]]]);
    expect(pagerduty.received.map((entry) => entry.json)).toEqual([{ routing_key: ROUTING_KEY, event_action: "resolve", dedup_key: dedupKey }]);
    expect(slack.received).toHaveLength(1);
    expect(teams.received).toHaveLength(1);
    expect(smtp.mails.map((mail) => mail.subject)).toEqual(["[Lifeline] [INFO] 1 appliance sending usage again"]);
    expect(teamA.received).toHaveLength(0);
    const [alert] = (await listAlerts(db(), testViewer, { applianceId: ids.get("flip"), status: "resolved", condition: "billing" })).items;
    expect(alert).toMatchObject({ status: "resolved", resolvedBy: "lifeline", step: "recovered" });
  });

  it(`${STORM} appliances failing inside one group window: one message per channel listing them all`, async () => {
    const stormIds = storm.map((zvm) => zvm.id!);
    for (const id of stormIds) sim.update(id, { scenario: "failing", failingDays: 3 });
    await poll(stormIds);
    await pump();

    expect(webhooks(hook)).toHaveLength(1);
    const [body] = webhooks(hook);
    expect(body.title).toBe(`${STORM} appliances stopped sending usage to Zerto`);
    expect(new Set(body.items.map((item) => item.appliance.name))).toEqual(new Set(stormIds.map((id) => `zvm-${id}`)));
    expect(slack.received).toHaveLength(1);
    expect(JSON.stringify(slack.received[0].json)).toMatch(/… and \d+ more/);
    expect(teams.received).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].subject).toContain(`${STORM} appliances stopped sending usage`);
    // PagerDuty keys alerts one by one: one queued message, one event per appliance, each its own dedup key.
    expect(pagerduty.received).toHaveLength(STORM);
    expect(pagerduty.received.every((entry) => entry.problems?.length === 0)).toBe(true);
    expect(new Set(pagerduty.received.map((entry) => (entry.json as { dedup_key: string }).dedup_key)).size).toBe(STORM);
    const links = await db().prisma.alertMessageAlert.findMany({
      where: { alert: { condition: "billing", appliance: { name: { startsWith: "zvm-storm-" } } }, message: { channel: { name: "pagerduty" } } },
      select: { messageId: true },
    });
    expect(links).toHaveLength(STORM);
    expect(new Set(links.map((link) => link.messageId)).size).toBe(1);
  });

  it("a receiver down for a while gets everything after it comes back, in order; the others are not held up", async () => {
    await hook.down();
    sim.update("outage", { scenario: "clock-skew", skewSeconds: 600 });
    await poll(["outage"]);
    const first = await pump();
    expect(slack.received).toHaveLength(1);
    expect(pagerduty.received).toHaveLength(1);
    expect(smtp.mails).toHaveLength(1);

    sim.update("outage", { skewSeconds: 0, failingDays: 0.5 });
    await poll(["outage"]);
    const second = await pump();
    expect(slack.received).toHaveLength(3);
    // Still down: more attempts later, with growing delays.
    await deliverDueMessages(db(), { workerId: "test-worker", log, now: () => new Date(second.getTime() + 60_000) });
    await deliverDueMessages(db(), { workerId: "test-worker", log, now: () => new Date(second.getTime() + 5 * 60_000) });
    const waiting = await db().prisma.alertMessage.findMany({ where: { channel: { name: "hooks" }, status: "pending" }, orderBy: { id: "asc" } });
    expect(waiting.map((message) => message.step)).toEqual(["triggered", "started", "resolved"]);
    expect(waiting[0].attempts).toBeGreaterThanOrEqual(3);
    expect(waiting[0].lastError).toMatch(/ECONNREFUSED/);
    expect(first.getTime()).toBeLessThan(second.getTime());

    await hook.up();
    await deliverDueMessages(db(), { workerId: "test-worker", log, now: () => new Date(second.getTime() + 60 * 60_000) });
    expect(webhooks(hook).map((body) => [body.condition, body.step])).toEqual([
      ["clock-skew", "triggered"],
      ["billing", "started"],
      ["clock-skew", "resolved"],
    ]);
    expect(hook.received.every((entry) => entry.verified)).toBe(true);
    expect(new Set(webhooks(hook).map((body) => body.idempotencyKey)).size).toBe(3);
    expect(await db().prisma.alertMessage.count({ where: { status: "pending" } })).toBe(0);
  });

  it("a silence holds notifications but not the alert; ending it lets them go", async () => {
    const silence = await createSilence(db(), testOperator, { applianceId: ids.get("silenced"), durationMinutes: 120, reason: "firewall change CHG-1234" });
    sim.update("silenced", { scenario: "failing", failingDays: 4 });
    await poll(["silenced"]);
    await pump();
    await pump();
    expect(allHttp().map((receiver) => receiver.received.length)).toEqual([0, 0, 0, 0, 0]);
    const { items } = await listAlerts(db(), testViewer, { applianceId: ids.get("silenced"), condition: "billing" });
    expect(items).toEqual([expect.objectContaining({ status: "open", step: "started", silencedUntil: silence.endsAt })]);

    await endSilence(db(), testOperator, silence.id);
    await pump();
    expect(webhooks(hook).map((body) => [body.step, body.items[0].appliance.name])).toEqual([["started", "zvm-silenced"]]);
    expect(pagerduty.received).toHaveLength(1);
  });

  it("acknowledging pages PagerDuty's acknowledge once; viewers cannot", async () => {
    sim.update("acked", { scenario: "failing", failingDays: 8 });
    await poll(["acked"]);
    await pump();
    const [alert] = (await listAlerts(db(), testViewer, { applianceId: ids.get("acked"), condition: "billing" })).items;
    await expect(acknowledgeAlert(db(), testViewer, alert.id)).rejects.toMatchObject({ status: 403 });
    clearAll();

    const acknowledged = await acknowledgeAlert(db(), testOperator, alert.id);
    expect(acknowledged).toMatchObject({ status: "acknowledged", acknowledgedBy: testOperator.label });
    await acknowledgeAlert(db(), testOperator, alert.id);
    await pump();
    expect(pagerduty.received.map((entry) => entry.json)).toEqual([
      { routing_key: ROUTING_KEY, event_action: "acknowledge", dedup_key: `appliance:${ids.get("acked")}:billing` },
    ]);
    expect([hook, teamA, slack, teams].map((receiver) => receiver.received.length)).toEqual([0, 0, 0, 0]);
    expect(smtp.mails).toHaveLength(0);
  });
});
