import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateAlertingSettings } from "@/lib/alerts/update-alerting-settings";
import { addAppliance } from "@/lib/appliances/add-appliance";
import { toApplianceView } from "@/lib/appliances/appliance-view";
import { createChannel } from "@/lib/channels/create-channel";
import { findingsOf } from "@/lib/fleet/findings";
import { refreshStoredViews } from "@/lib/poller/maintenance-jobs";
import { SessionCache } from "@/lib/poller/session-cache";
import { sweepDueAppliances } from "@/lib/poller/poll-sweep-job";
import { billingSettingsOf } from "@/lib/settings/get-settings";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { updateSettings } from "@/lib/settings/update-settings";
import { startSimulator, type Simulator } from "@/simulator";
import { waitFor, type WebhookBody } from "../alerts/helpers";
import { startWebhookReceiver, type HttpReceiver } from "../alerts/receivers";
import { createTestDb, testDbKinds, type TestDb } from "../helpers/test-db";
import { jobContext, runAlertJobs, simulatedApplianceInput, testAdmin } from "../helpers/worker-context";

const WINDOW_S = 5;
const INTERVAL_S = 60;
const STALE_AFTER_S = 3 * INTERVAL_S;

describe.each(testDbKinds())("appliances never reached (%s)", (kind) => {
  let handle: TestDb;
  let sim: Simulator;
  let hook: HttpReceiver;
  let signingSecret = "";
  const sessions = new SessionCache(() => ({ connectTimeoutMs: 3_000, requestTimeoutMs: 5_000 }));
  const db = () => handle.db;
  const webhooks = () => hook.received.map((entry) => entry.json as WebhookBody);
  /** The worker's alert steps as they run at `at` (group window passed for dispatch and delivery). */
  const pump = (at: number) => runAlertJobs(db(), at, WINDOW_S);

  beforeAll(async () => {
    [sim, handle, hook] = await Promise.all([
      startSimulator({ zvms: [{ id: "wrong-pw", generation: "windows", scenario: "healthy" }, { id: "self-signed", generation: "linux", scenario: "healthy" }], seed: 3 }),
      createTestDb(kind),
      startWebhookReceiver(() => signingSecret),
    ]);
    await updateSettings(db(), testAdmin, { pollIntervalSeconds: INTERVAL_S, staleAfterPolls: 3, pollTimeoutSeconds: 5 });
    await updateAlertingSettings(db(), testAdmin, { groupWindowSeconds: WINDOW_S, disabledConditions: ["billing-day"], allowedTargets: ["127.0.0.1"] });
    const created = await createChannel(db(), testAdmin, { type: "webhook", name: "noc-hook", url: `${hook.url}/lifeline` });
    signingSecret = created.signingSecret!;
  }, 120_000);

  afterAll(async () => {
    await sessions.closeAll();
    await Promise.all([handle?.drop(), sim?.close(), hook?.close()]);
  });

  it("reports a rejected password when added, goes stale with that reason, and raises one stale alert", async () => {
    const zvm = sim.get("wrong-pw");
    const added = await addAppliance(db(), testAdmin, simulatedApplianceInput(zvm, "zvm-wrong-password", { password: "not-the-password" }));
    expect(added.check).toMatchObject({ ok: false, problem: "credentials rejected" });
    expect(added.check.message).toMatch(/^credentials rejected \(HTTP 401\) signing in with .*check the user name, password and sign-in method/);
    expect(added.check.ok === false && added.check.durationMs).toBeLessThan(10_000);

    // Every poll fails the same way; within the limit it is unknown, and says what failed instead of "wait for the first poll".
    await sweepDueAppliances(jobContext(db()), sessions);
    const settings = billingSettingsOf(await getSettings(db()));
    let row = await db().prisma.appliance.findUniqueOrThrow({ where: { id: added.appliance.id } });
    expect(row.lastPollProblem).toBe("credentials rejected");
    expect(row.consecutiveFailures).toBe(1);
    const early = toApplianceView(row, settings, new Date());
    expect(early.billingStatus).toBe("unknown");
    expect(early.statusReasons[0]).toMatchObject({ code: "not-reached-yet", message: expect.stringMatching(/^Not reached yet: credentials rejected\./) });
    const findings = findingsOf(early.statusReasons, { kind: "zvm", version: null, mode: "polled", lastPollError: early.lastPollError, billingEndpoints: { old: [], new: [] } });
    expect(findings[0].fix.join(" ")).toMatch(/Last poll: credentials rejected .*check the user name, password/);
    expect(JSON.stringify(findings)).not.toMatch(/Wait for the first poll/);

    await pump(Date.now());
    expect(hook.received).toHaveLength(0);

    // Past the limit since registration: stale, never reached, and the stale alert goes out once.
    const late = row.createdAt.getTime() + (STALE_AFTER_S + 1) * 1000;
    row = await db().prisma.appliance.findUniqueOrThrow({ where: { id: added.appliance.id } });
    const stale = toApplianceView(row, settings, new Date(late));
    expect(stale.billingStatus).toBe("stale");
    expect(stale.statusReasons[0].message).toMatch(/^Never reached: credentials rejected; no data since it was registered on /);
    // The worker's refresh-views job moves the stored status with the clock; that change wakes the evaluator.
    expect(await refreshStoredViews(db(), new Date(late))).toBeGreaterThanOrEqual(1);
    expect((await db().prisma.appliance.findUniqueOrThrow({ where: { id: added.appliance.id } })).billingStatus).toBe("stale");
    await pump(late);
    await waitFor("the stale alert at the webhook", () => hook.received.length === 1);
    const [message] = webhooks();
    expect(hook.received[0].verified).toBe(true);
    expect(message).toMatchObject({ kind: "alert", condition: "stale", step: "triggered" });
    expect(message.items).toHaveLength(1);
    expect(message.items[0]).toMatchObject({ appliance: { name: "zvm-wrong-password" }, action: "trigger" });
    expect((message.items[0] as unknown as { summary: string }).summary).toMatch(/^Never reached: credentials rejected/);

    // More failed polls and later sweeps: still the one alert.
    await db().prisma.appliance.update({ where: { id: added.appliance.id }, data: { nextPollAt: new Date() } });
    await sweepDueAppliances(jobContext(db()), sessions);
    await refreshStoredViews(db(), new Date(late + 60_000));
    await pump(late + 60_000);
    await pump(late + 20 * 60_000);
    expect(hook.received).toHaveLength(1);
    const alerts = await db().prisma.alert.findMany({ where: { applianceId: added.appliance.id } });
    expect(alerts.map((alert) => [alert.condition, alert.status])).toEqual([["stale", "open"]]);
  });

  it("asks to trust an unpinned self-signed certificate, and adds it once its fingerprint is given", async () => {
    const zvm = sim.get("self-signed");
    const body = { name: "zvm-self-signed", kind: "zvm", role: "production", mode: "polled", url: zvm.url, username: zvm.username, password: zvm.password };
    const refused = await addAppliance(db(), testAdmin, body).then(
      () => null,
      (error: unknown) => error as { status: number; code: string; field: string; message: string; details: { check: { peerFingerprint: string } } },
    );
    expect(refused).toMatchObject({ status: 422, code: "certificate_not_trusted", field: "tlsFingerprintSha256" });
    expect(refused!.details.check.peerFingerprint).toBe(zvm.fingerprint);
    expect(refused!.message).toBe(
      `its certificate is self-signed and not pinned: fingerprint ${zvm.fingerprint} — trust it? Compare it with the certificate the ZVM shows, then pin it.`,
    );
    expect(await db().prisma.appliance.count({ where: { name: "zvm-self-signed" } })).toBe(0);

    const added = await addAppliance(db(), testAdmin, { ...body, tlsFingerprintSha256: refused!.details.check.peerFingerprint });
    expect(added.check).toMatchObject({ ok: true });
    expect(added.check.message).toMatch(/^signed in: [^,]+, ZVM \d+\.\d+[^,]*, licence \w+/);
    expect(added.appliance.tlsFingerprintSha256).toBe(zvm.fingerprint);
    expect(added.appliance.lastPollError).toBeNull();

    // Trust on first use pins what the try saw; check: false adds without trying.
    const tofu = await addAppliance(db(), testAdmin, { ...body, name: "zvm-tofu", trustOnFirstUse: true });
    expect(tofu.check.ok).toBe(true);
    expect(tofu.appliance.tlsFingerprintSha256).toBe(zvm.fingerprint);
    const unchecked = await addAppliance(db(), testAdmin, { ...body, name: "zvm-bulk", check: false });
    expect(unchecked.check).toMatchObject({ ok: null });
    expect(unchecked.appliance.lastPollAttemptAt).toBeNull();
  });

  it("says 'DNS name not found' and 'connection refused' in words", async () => {
    const base = { kind: "zvm", role: "test", mode: "polled", username: "u", password: "p", trustOnFirstUse: true };
    const dns = await addAppliance(db(), testAdmin, { ...base, name: "zvm-no-dns", url: "https://zvm-does-not-exist.invalid:9669" });
    expect(dns.check).toMatchObject({ ok: false, problem: "DNS name not found" });
    const refused = await addAppliance(db(), testAdmin, { ...base, name: "zvm-refused", url: "https://127.0.0.1:9" });
    expect(refused.check).toMatchObject({ ok: false, problem: "connection refused" });
    expect(refused.check.message).toMatch(/connection refused by 127\.0\.0\.1:9: nothing listens there/);
  });
});
