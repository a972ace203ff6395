import { spawn } from "node:child_process";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliverDueMessages } from "@/lib/alerts/deliver-messages";
import { dispatchDueEvents } from "@/lib/alerts/dispatch-events";
import { evaluateDueAppliances } from "@/lib/alerts/evaluate-alerts";
import { updateAlertingSettings } from "@/lib/alerts/update-alerting-settings";
import { sealPassword } from "@/lib/appliances/appliance-secrets";
import { createChannel } from "@/lib/channels/create-channel";
import { getLogger } from "@/lib/log";
import { updateSettings } from "@/lib/settings/update-settings";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { testAdmin } from "../helpers/worker-context";
import { waitFor, type WebhookBody } from "./helpers";
import { startChatReceiver, startWebhookReceiver, type HttpReceiver } from "./receivers";

const DAY_MS = 86_400_000;
const log = getLogger();

describe.each(testDbKinds())("alert delivery under failure (%s)", (kind) => {
  let handle: TestDb;
  let hook: HttpReceiver;
  let chat: HttpReceiver;
  let signingSecret = "";
  let serial = 0;
  const db = () => handle.db;

  /** Appliances that were polled just now and whose billing alert turned on `daysAgo` days ago. */
  async function failingAppliances(count: number, daysAgo = 3): Promise<string[]> {
    const now = new Date();
    const names = Array.from({ length: count }, () => `zvm-${kind}-${(serial += 1).toString().padStart(4, "0")}`);
    await db().prisma.appliance.createMany({
      data: names.map((name) => ({
        name,
        kind: "zvm" as const,
        role: "production" as const,
        mode: "reporting" as const,
        url: "https://zvm.example.net",
        username: "",
        passwordSealed: sealPassword("unused"),
        tenant: "b",
        version: "8.5.20",
        licenseType: "Cloud",
        lastDataAt: now,
        alertsObservedAt: now,
        billingAlertActive: true,
        billingAlertTurnedOn: new Date(now.getTime() - daysAgo * DAY_MS),
        disconnectionAlertActive: false,
      })),
    });
    return names;
  }
  /** Evaluate now, dispatch after the (zero) group window: messages are queued, not yet delivered. */
  const queue = async () => {
    await evaluateDueAppliances(db());
    await dispatchDueEvents(db());
  };
  const bodies = (receiver: HttpReceiver) => receiver.received.map((entry) => entry.json as WebhookBody);

  beforeAll(async () => {
    [handle, hook, chat] = await Promise.all([createTestDb(kind, { poolSize: 20 }), startWebhookReceiver(() => signingSecret), startChatReceiver()]);
    await updateSettings(db(), testAdmin, { pollIntervalSeconds: 3_600 });
    await updateAlertingSettings(db(), testAdmin, { groupWindowSeconds: 0, disabledConditions: ["billing-day"], allowedTargets: ["127.0.0.1"], deliveryTimeoutSeconds: 10 });
    signingSecret = (await createChannel(db(), testAdmin, { type: "webhook", name: "hook", url: hook.url })).signingSecret!;
    await createChannel(db(), testAdmin, { type: "slack", name: "chat", url: chat.url });
  });

  afterAll(async () => {
    await Promise.all([handle?.drop(), hook?.close(), chat?.close()]);
  });

  beforeEach(() => {
    hook.clear();
    chat.clear();
    hook.hang = false;
  });

  it("one channel that hangs never holds up another", async () => {
    hook.hang = true;
    await failingAppliances(1);
    await queue();
    const stop = new AbortController();
    const delivering = deliverDueMessages(db(), { workerId: "worker-1", log, signal: stop.signal, pollMs: 50 });
    await waitFor("the hanging webhook to be called", () => hook.received.length === 1);
    await waitFor("the chat message", () => chat.received.length === 1);

    // A new alert while the webhook still hangs: the chat channel gets it at once.
    await failingAppliances(1);
    await queue();
    await waitFor("the second chat message", () => chat.received.length === 2, 5_000);
    expect(hook.received).toHaveLength(1);

    // A stopping worker hands its message back at once, without counting an attempt.
    stop.abort();
    await delivering;
    const pending = await db().prisma.alertMessage.findMany({ where: { channel: { name: "hook" }, status: "pending" }, orderBy: { id: "asc" } });
    expect(pending.map((message) => [message.attempts, message.leaseOwner])).toEqual([
      [0, null],
      [0, null],
    ]);
    hook.hang = false;
    await deliverDueMessages(db(), { workerId: "worker-2", log });
    expect(bodies(hook).map((body) => body.step)).toEqual(["started", "started", "started"]);
    expect(new Set(bodies(hook).map((body) => body.idempotencyKey)).size).toBe(2);
  });

  it("a worker that dies mid-delivery loses nothing: its lease runs out and another delivers, with the same idempotency key", async () => {
    await updateAlertingSettings(db(), testAdmin, { deliveryTimeoutSeconds: 2 });
    hook.hang = true;
    await failingAppliances(2);
    await queue();
    // The doomed worker claims the message and is gone while the receiver holds the request.
    const doomed = deliverDueMessages(db(), { workerId: "doomed", log });
    await waitFor("the doomed delivery to reach the receiver", () => hook.received.length === 1);
    const held = await db().prisma.alertMessage.findFirstOrThrow({ where: { channel: { name: "hook" }, status: "pending" } });
    expect(held.leaseOwner).toBe("doomed");

    // Before the lease runs out nobody takes it; after, the next worker does.
    hook.hang = false;
    expect(await deliverDueMessages(db(), { workerId: "survivor", log })).toBe(0);
    const afterLease = new Date(held.leaseUntil!.getTime() + 1_000);
    await deliverDueMessages(db(), { workerId: "survivor", log, now: () => afterLease });
    const delivered = await db().prisma.alertMessage.findUniqueOrThrow({ where: { id: held.id }, include: { attemptLog: true } });
    expect(delivered).toMatchObject({ status: "delivered", leaseOwner: null });
    expect(delivered.attemptLog.map((attempt) => [attempt.workerId, attempt.ok])).toEqual([["survivor", true]]);
    expect(hook.received).toHaveLength(2);
    expect(hook.received[0].headers["idempotency-key"]).toBe(hook.received[1].headers["idempotency-key"]);
    expect(bodies(hook)[1].items).toHaveLength(2);

    // The doomed worker's late answer (a timeout) changes nothing: it no longer holds the lease.
    await doomed;
    expect(await db().prisma.alertMessage.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ status: "delivered", attempts: 1 });
    await updateAlertingSettings(db(), testAdmin, { deliveryTimeoutSeconds: 10 });
  }, 30_000);

  it.skipIf(kind !== "postgres")("a worker process killed with SIGKILL mid-delivery loses nothing", async () => {
    hook.hang = true;
    await failingAppliances(3);
    await queue();
    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/alerts/deliver-child.ts", handle.location, "child-worker"], {
      env: { ...process.env, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    await waitFor("the child's delivery to reach the receiver", () => hook.received.length === 1, 30_000);
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    const held = await db().prisma.alertMessage.findFirstOrThrow({ where: { channel: { name: "hook" }, status: "pending" } });
    expect(held.leaseOwner).toBe("child-worker");

    hook.hang = false;
    await deliverDueMessages(db(), { workerId: "restarted", log, now: () => new Date(held.leaseUntil!.getTime() + 1_000) });
    expect(await db().prisma.alertMessage.findUniqueOrThrow({ where: { id: held.id } })).toMatchObject({ status: "delivered" });
    expect(hook.received).toHaveLength(2);
    expect(hook.received[1].verified).toBe(true);
    expect(hook.received[0].headers["idempotency-key"]).toBe(hook.received[1].headers["idempotency-key"]);
    expect(await db().prisma.alertMessage.count({ where: { status: "pending" } })).toBe(0);
  }, 60_000);

  it("several workers evaluating and dispatching at once fire each step once, in one message per channel", async () => {
    const names = await failingAppliances(150, 8);
    const workers = ["w1", "w2", "w3"];
    const evaluated = await Promise.all(workers.map(() => evaluateDueAppliances(db(), { batchSize: 40 })));
    expect(evaluated.reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(150);
    expect(await Promise.all(workers.map(() => evaluateDueAppliances(db())))).toEqual([0, 0, 0]);
    const started = await db().prisma.alertEvent.count({ where: { step: "started", alert: { appliance: { name: { in: names } } } } });
    expect(started).toBe(150);
    await Promise.all(workers.map(() => dispatchDueEvents(db())));
    await Promise.all(workers.map((workerId) => deliverDueMessages(db(), { workerId, log })));
    expect(bodies(hook).map((body) => body.items.length)).toEqual([150]);
    expect(chat.received).toHaveLength(1);
  }, 60_000);
});
