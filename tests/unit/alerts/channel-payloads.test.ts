import { describe, expect, it } from "vitest";
import { buildNotification, testNotification, titleOf, type EventForNotification } from "@/lib/alerts/notification";
import { emailMessage } from "@/lib/channels/send-email";
import { pagerDutyEvents } from "@/lib/channels/send-pagerduty";
import { slackBody } from "@/lib/channels/send-slack";
import { teamsBody } from "@/lib/channels/send-teams";
import { signWebhook, verifyWebhookSignature, webhookBody } from "@/lib/channels/send-webhook";

const NOW = new Date("2026-11-10T12:00:00Z");

function event(name: string, overrides: Partial<EventForNotification> = {}): EventForNotification {
  const id = `00000000-0000-4000-8000-${name.padStart(12, "0").slice(-12).replace(/[^0-9a-f]/g, "0")}`;
  return {
    id: BigInt(name.length),
    alertId: `alert-${name}`,
    dedupKey: `appliance:${id}:billing`,
    condition: "billing",
    step: "started",
    severity: "warning",
    summary: "Usage not sent since 2026-11-03 12:00 UTC (billing alert raised). The ZVM stops talking to its VRAs on 2026-11-18 12:00 UTC (8 days left).",
    createdAt: NOW,
    detail: {
      appliance: { id, name, kind: "zvm", tags: { tenant: "acme", region: "ams" } },
      billingStatus: "warning",
      daysUntilDisconnect: 8,
      disconnectAt: "2026-11-18T12:00:00.000Z",
      failingSince: "2026-11-03T12:00:00.000Z",
      lastSuccessfulSendAt: null,
      reasonCode: "billing-failing",
    },
    ...overrides,
  };
}

describe("the notification every channel renders", () => {
  it.each([
    { step: "started", count: 1, title: "1 appliance stopped sending usage to Zerto" },
    { step: "started", count: 300, title: "300 appliances stopped sending usage to Zerto" },
    { step: "reminder", count: 2, title: "2 appliances nearing VRA disconnect" },
    { step: "disconnected", count: 1, title: "1 appliance disconnected from its VRAs" },
    { step: "disconnected", count: 4, title: "4 appliances disconnected from their VRAs" },
    { step: "recovered", count: 1, title: "1 appliance sending usage again" },
  ] as const)("$step × $count: $title", ({ step, count, title }) => {
    expect(titleOf("billing", step, count)).toBe(title);
  });

  it("names the condition for the others", () => {
    expect(titleOf("clock-skew", "triggered", 3)).toBe("Clock skew: 3 appliances");
    expect(titleOf("stale", "resolved", 1)).toBe("Stale or unreachable cleared: 1 appliance");
    expect(titleOf("billing", "acknowledged", 1, "ops@example.net")).toBe("Billing failing acknowledged by ops@example.net: 1 appliance");
  });

  it("lists appliances by name, takes the worst severity, and links them when the public URL is set", () => {
    const notification = buildNotification(
      [event("zvm-b"), event("zvm-a", { severity: "critical" })],
      "https://lifeline.example.net/",
      NOW,
    );
    expect(notification.severity).toBe("critical");
    expect(notification.items.map((item) => [item.appliance.name, item.action, item.link])).toEqual([
      ["zvm-a", "trigger", `https://lifeline.example.net/appliances/${event("zvm-a").detail.appliance.id}`],
      ["zvm-b", "trigger", `https://lifeline.example.net/appliances/${event("zvm-b").detail.appliance.id}`],
    ]);
    expect(buildNotification([event("zvm-a")], null, NOW).items[0].link).toBeNull();
  });
});

describe("generic webhook", () => {
  it("signs HMAC-SHA256 over timestamp, a dot, and the body", () => {
    expect(signWebhook("whsec_test", "1700000000", '{"a":1}')).toBe("sha256=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
  });

  it.each([
    { name: "the right signature, fresh", secret: "s3cret-s3cret-s3cret", body: "{}", at: 1_700_000_100, valid: true },
    { name: "another secret", secret: "another-secret-value", body: "{}", at: 1_700_000_100, valid: false },
    { name: "a changed body", secret: "s3cret-s3cret-s3cret", body: '{"x":1}', at: 1_700_000_100, valid: false },
    { name: "replayed 10 minutes later", secret: "s3cret-s3cret-s3cret", body: "{}", at: 1_700_000_600, valid: false },
  ])("verifies: $name → $valid", ({ secret, body, at, valid }) => {
    const signature = signWebhook("s3cret-s3cret-s3cret", "1700000000", "{}");
    expect(verifyWebhookSignature(secret, { timestamp: "1700000000", signature }, body, new Date(at * 1000))).toBe(valid);
  });

  it("carries the idempotency key in the body", () => {
    const body = JSON.parse(webhookBody(buildNotification([event("zvm-a")], null, NOW), "key-1"));
    expect(body).toMatchObject({ idempotencyKey: "key-1", version: 1, kind: "alert", condition: "billing", step: "started" });
  });
});

describe("PagerDuty Events API v2", () => {
  it("triggers with the alert's dedup key, and acknowledges and resolves with the same key", () => {
    const trigger = buildNotification([event("zvm-a")], "https://lifeline.example.net", NOW);
    const [triggered] = pagerDutyEvents("rk", trigger, "key-1");
    expect(triggered).toMatchObject({
      routing_key: "rk",
      event_action: "trigger",
      dedup_key: event("zvm-a").dedupKey,
      payload: { source: "zvm-a", severity: "warning", component: "zvm", group: "acme", class: "billing", timestamp: NOW.toISOString() },
      client: "Lifeline",
      client_url: expect.stringMatching(/^https:\/\/lifeline\.example\.net\/appliances\//),
    });
    for (const step of ["recovered", "acknowledged"] as const) {
      const [followUp] = pagerDutyEvents("rk", buildNotification([event("zvm-a", { step })], null, NOW), "key-2");
      expect(followUp).toEqual({ routing_key: "rk", event_action: step === "recovered" ? "resolve" : "acknowledge", dedup_key: event("zvm-a").dedupKey });
    }
  });

  it("sends a test as a trigger resolved at once", () => {
    const events = pagerDutyEvents("rk", testNotification("pd", "admin@example.net", NOW), "test-1");
    expect(events.map((item) => [item.event_action, item.dedup_key])).toEqual([
      ["trigger", "lifeline:test:test-1"],
      ["resolve", "lifeline:test:test-1"],
    ]);
  });
});

describe("chat and email", () => {
  const storm = buildNotification(Array.from({ length: 300 }, (_, index) => event(`zvm-${String(index).padStart(3, "0")}`)), null, NOW);

  it("Slack: one section under its 3,000-character limit, counting what does not fit", () => {
    const body = slackBody(storm);
    const text = (body.blocks[0] as { text: { text: string } }).text.text;
    expect(text.length).toBeLessThanOrEqual(3_000);
    expect(text).toMatch(/^:large_orange_circle: \*\[WARNING\] 300 appliances stopped sending usage to Zerto\*/);
    const listed = text.split("\n").filter((line) => line.startsWith("• ")).length;
    expect(text).toContain(`… and ${300 - listed} more`);
    expect(body.text).toBe("[WARNING] 300 appliances stopped sending usage to Zerto");
  });

  it("Slack escapes what its mrkdwn would read as markup", () => {
    const text = JSON.stringify(slackBody(buildNotification([event("zvm<&>")], null, NOW)));
    expect(text).toContain("zvm&lt;&amp;&gt;");
  });

  it("Teams: an Adaptive Card with the headline and at most 50 appliances", () => {
    const body = teamsBody(storm) as { type: string; attachments: { contentType: string; content: { type: string; body: { text: string }[] } }[] };
    expect(body.type).toBe("message");
    expect(body.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
    const blocks = body.attachments[0].content.body;
    expect(blocks[0].text).toBe("[WARNING] 300 appliances stopped sending usage to Zerto");
    expect(blocks).toHaveLength(1 + 50 + 1);
    expect(blocks.at(-1)?.text).toBe("… and 250 more");
  });

  it("email: the headline as subject, a stable Message-ID per message", () => {
    const message = emailMessage({ from: "lifeline@example.net", to: ["oncall@example.net"] }, storm, "3f6c9a1e-key");
    expect(message.subject).toBe("[Lifeline] [WARNING] 300 appliances stopped sending usage to Zerto");
    expect(message.messageId).toBe("<3f6c9a1e-key@lifeline.invalid>");
    expect(message.text).toContain("- zvm-000 (tenant acme, region ams): Usage not sent since");
    expect(message.text).toContain("… and 250 more");
  });
});
