import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, SCREENSHOTS, signIn, unique } from "./fixtures";
import { simulatedFleet, updateSimulatedZvm } from "./simulator";

interface Delivery {
  body: string;
  timestamp: string;
  signature: string;
}

/** A webhook receiver on loopback that keeps what arrives. */
async function startReceiver(): Promise<{ url: string; deliveries: Delivery[]; close(): Promise<void> }> {
  const deliveries: Delivery[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      deliveries.push({
        body: Buffer.concat(chunks).toString("utf8"),
        timestamp: String(request.headers["x-lifeline-timestamp"] ?? ""),
        signature: String(request.headers["x-lifeline-signature"] ?? ""),
      });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/lifeline`,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function addUser(admin: Page, role: "operator" | "viewer"): Promise<{ email: string; password: string }> {
  const user = { email: `${unique(role)}@e2e.example.net`, password: `${role} password 123` };
  await admin.goto("/admin/users");
  const form = admin.locator("section", { has: admin.getByRole("heading", { name: "Add a user" }) });
  await form.getByLabel("Email").fill(user.email);
  await form.getByLabel("Role").selectOption(role);
  await form.getByLabel(/Initial password/).fill(user.password);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("status")).toContainText(`Added ${user.email}`);
  return user;
}

test("an admin adds a webhook channel, is refused a loopback target until it is allow-listed, and sends a test", async ({ page }) => {
  const receiver = await startReceiver();
  const name = unique("noc-hook");
  await signIn(page, ADMIN.email, ADMIN.password);
  // The delivery settings this test changes, put back whatever happens.
  const before = (await (await page.request.get("/api/v1/settings")).json()) as { alerting: unknown };
  try {
    await page.getByRole("navigation").getByRole("link", { name: "Channels" }).click();
    await expect(page.getByRole("heading", { name: "Alert channels" })).toBeVisible();

    const add = page.locator("section", { has: page.getByRole("heading", { name: "Add a channel" }) });
    const settings = page.locator("section", { has: page.getByRole("heading", { name: "Delivery settings" }) });
    await settings.getByLabel(/Allowed private targets/).fill("");
    await settings.getByRole("button", { name: "Save delivery settings" }).click();
    await expect(settings.getByRole("status")).toHaveText("Alerting settings saved.");

    await add.getByLabel("Name", { exact: true }).fill(name);
    await add.getByLabel("Type").selectOption("webhook");
    await add.getByLabel("Webhook URL").fill(receiver.url);
    // This receiver counts test messages only: no open alerts of other tests.
    await add.getByLabel(/Send what is open now/).uncheck();
    await add.getByRole("button", { name: "Add channel" }).click();
    await expect(add.getByRole("alert")).toContainText("refused: 127.0.0.1 is a loopback address");

    await settings.getByLabel(/Allowed private targets/).fill("127.0.0.1");
    await settings.getByRole("button", { name: "Save delivery settings" }).click();
    await expect(settings.getByRole("status")).toHaveText("Alerting settings saved.");

    await add.getByRole("button", { name: "Add channel" }).click();
    await expect(add.getByRole("status")).toContainText(`Added channel "${name}" (webhook).`);
    const secret = (await add.getByTestId("new-secret").textContent())?.trim() ?? "";
    expect(secret).toMatch(/^whsec_/);

    const row = page.locator(`[data-testid="channel-row"][data-name="${name}"]`);
    await expect(row).toContainText(`http://127.0.0.1:${new URL(receiver.url).port}/…`);
    await expect(row).not.toContainText("/hooks/lifeline");
    await row.getByRole("button", { name: `Send test to ${name}` }).click();
    await expect(row.getByRole("status")).toHaveText("Test delivered: http 200.");
    await expect(row.getByTestId("last-test")).toContainText("ok: http 200");

    expect(receiver.deliveries).toHaveLength(1);
    const [delivery] = receiver.deliveries;
    const expected = `sha256=${crypto.createHmac("sha256", secret).update(`${delivery.timestamp}.${delivery.body}`).digest("hex")}`;
    expect(delivery.signature).toBe(expected);
    expect(JSON.parse(delivery.body)).toMatchObject({ kind: "test", items: [] });
    await page.screenshot({ path: path.join(SCREENSHOTS, "alert-channels.png"), fullPage: true });

    await row.getByRole("button", { name: `Delete ${name}` }).click();
    await expect(page.locator(`[data-testid="channel-row"][data-name="${name}"]`)).toHaveCount(0);
  } finally {
    const channels = (await (await page.request.get("/api/v1/channels")).json()) as { items: { id: string; name: string }[] };
    for (const channel of channels.items.filter((item) => item.name === name)) await page.request.delete(`/api/v1/channels/${channel.id}`);
    const restored = await page.request.patch("/api/v1/settings", { data: { alerting: before.alerting } });
    expect(restored.status()).toBe(200);
    await receiver.close();
  }
});

test("an operator acknowledges an alert and silences the appliance; the alert stays on screen", async ({ page, browser }) => {
  const zvm = simulatedFleet()[2];
  await updateSimulatedZvm(zvm.id, { scenario: "failing", failingDays: 4 });
  const name = unique("zvm-alerting");
  await signIn(page, ADMIN.email, ADMIN.password);
  const added = await page.request.post("/api/v1/appliances", {
    data: { name, kind: "zvm", role: "production", mode: "polled", url: zvm.url, username: zvm.username, password: zvm.password, tlsFingerprintSha256: zvm.fingerprint, tags: { tenant: "acme" } },
  });
  expect(added.status()).toBe(201);
  const operator = await addUser(page, "operator");

  const context = await browser.newContext();
  try {
    const ops = await context.newPage();
    await signIn(ops, operator.email, operator.password);
    await ops.getByRole("navigation").getByRole("link", { name: "Alerts" }).click();
    await expect(ops.getByRole("heading", { name: "Alerts" })).toBeVisible();
    const row = ops.locator(`[data-testid="alert-row"][data-appliance="${name}"][data-condition="billing"]`);
    // The worker polls the new appliance at once and evaluates it within seconds.
    await expect(async () => {
      await ops.reload();
      await expect(row).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
    await expect(row).toContainText("Usage not sent since");
    await expect(row.getByTestId("alert-status")).toContainText("open");

    await row.getByRole("button", { name: `Acknowledge Billing failing on ${name}` }).click();
    await expect(row.getByTestId("alert-status")).toContainText(`acknowledged by ${operator.email}`);
    await expect(row.getByRole("button", { name: /Acknowledge/ })).toHaveCount(0);

    await row.locator("summary", { hasText: `Silence ${name}` }).click();
    await row.getByLabel("For").selectOption("240");
    await row.getByLabel("Reason").fill("firewall change CHG-42 in progress");
    await row.getByRole("button", { name: `Silence ${name}` }).click();
    await expect(row.getByRole("status")).toContainText(`Silenced ${name} until`);

    // Held, not hidden: the alert is still listed, marked, and the silence is listed with its author.
    await ops.reload();
    await expect(row).toBeVisible();
    await expect(row.getByTestId("silenced")).toContainText("notifications held until");
    const silence = ops.getByTestId("silence-row").filter({ hasText: name });
    await expect(silence).toContainText("silence (active)");
    await expect(silence).toContainText(operator.email);
    await expect(silence).toContainText("firewall change CHG-42 in progress");
    await ops.screenshot({ path: path.join(SCREENSHOTS, "alerts.png"), fullPage: true });

    await silence.getByRole("button", { name: `End silence for ${name}` }).click();
    await expect(ops.getByTestId("silence-row").filter({ hasText: name })).toHaveCount(0);
    await expect(row.getByTestId("silenced")).toHaveCount(0);

    // The appliance page shows the alert with its steps and where each message went.
    await row.getByRole("link", { name }).click();
    await expect(ops.getByRole("heading", { name })).toBeVisible();
    const onAppliance = ops.locator('[data-testid="appliance-alert"][data-condition="billing"]');
    await expect(onAppliance.getByTestId("appliance-alert-status")).toHaveText("acknowledged");
    await expect(onAppliance).toContainText("started");
    await expect(onAppliance).toContainText(`Acknowledged by ${operator.email}.`);
  } finally {
    await context.close();
  }
});
