import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN, SCREENSHOTS, signIn, unique } from "./fixtures";
import { simulatedFleet, updateSimulatedZvm } from "./simulator";

test("an admin adds a ZVM, sees it polled and failing, runs a test transmission and sees it pass", async ({ page }) => {
  const zvm = simulatedFleet()[0];
  // The ZVM's billing alert turned on 12 days ago; a test send will succeed and clear it.
  await updateSimulatedZvm(zvm.id, { scenario: "failing", failingDays: 12, sendUsageResult: "passed" });
  const name = unique("zvm-e2e");

  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("navigation").getByRole("link", { name: "Appliances" }).click();
  const form = page.locator("section", { has: page.getByRole("heading", { name: "Add an appliance" }) });
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel(/^URL/).fill(zvm.url);
  await form.getByLabel("Username").fill(zvm.username);
  await form.getByLabel("Password", { exact: true }).fill(zvm.password);
  await form.getByLabel("Certificate SHA-256 (pin)").fill(zvm.fingerprint);
  await form.getByLabel("Tenant").fill("acme");
  await form.getByRole("button", { name: "Add appliance" }).click();
  await expect(form.getByRole("status")).toContainText(`Added ${name}`);

  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  // The worker polls a new appliance at once; the page refreshes itself.
  await expect(page.getByTestId("days-left")).toHaveText("2 days until VRA disconnect", { timeout: 30_000 });
  await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "critical");
  await page.screenshot({ path: path.join(SCREENSHOTS, "appliance-failing.png"), fullPage: true });

  await page.getByRole("button", { name: "Test usage transmission" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Test transmission requested" })).toBeVisible();
  await expect(page.getByTestId("transmission-status").first()).toHaveText("passed", { timeout: 30_000 });
  // The passed test proves a send, and the re-poll finds the banner gone.
  await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "ok", { timeout: 30_000 });
  await expect(page.getByTestId("days-left")).toHaveCount(0);
  await expect(page.getByText("(test-transmission)")).toBeVisible();

  await page.getByRole("navigation").getByRole("link", { name: "Fleet" }).click();
  const row = page.locator(`[data-testid="appliance-row"][data-name="${name}"]`);
  await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "ok");
  await page.screenshot({ path: path.join(SCREENSHOTS, "fleet-with-appliance.png"), fullPage: true });
});

test("a viewer sees an appliance but no operator buttons, and the API refuses the action", async ({ page, browser, request }) => {
  const zvm = simulatedFleet()[1];
  const name = unique("zvm-viewer");
  await signIn(page, ADMIN.email, ADMIN.password);
  const added = await page.request.post("/api/v1/appliances", {
    data: { name, kind: "zvm", role: "production", mode: "polled", url: zvm.url, username: zvm.username, password: zvm.password, tlsFingerprintSha256: zvm.fingerprint },
  });
  expect(added.status()).toBe(201);
  const { id } = (await added.json()) as { id: string };

  const email = `${unique("viewer")}@e2e.example.net`;
  const users = page.locator("section", { has: page.getByRole("heading", { name: "Add a user" }) });
  await page.goto("/admin/users");
  await users.getByLabel("Email").fill(email);
  await users.getByLabel("Role").selectOption("viewer");
  await users.getByLabel(/Initial password/).fill("viewer password 123");
  await users.getByRole("button", { name: "Add user" }).click();
  await expect(users.getByRole("status")).toContainText(`Added ${email}`);

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, email, "viewer password 123");
  await viewer.goto(`/appliances/${id}`);
  await expect(viewer.getByRole("heading", { name })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Test usage transmission" })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Poll now" })).toHaveCount(0);
  const refused = await viewer.request.post(`/api/v1/appliances/${id}/test-transmissions`);
  expect(refused.status()).toBe(403);
  expect((await request.post(`/api/v1/appliances/${id}/test-transmissions`)).status()).toBe(401);
  await viewerContext.close();
});
