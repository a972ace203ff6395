import { expect, test } from "@playwright/test";
import { signIn, unique } from "./fixtures";
import { VIEWPORT, addAppliance, adminPage, userPage } from "./helpers/noc";
import { simulatedFleet, updateSimulatedZvm } from "./simulator";

test.use({ viewport: VIEWPORT });

test("an admin edits an appliance and the settings, sees them on the screens and in the audit log", async ({ page }) => {
  await adminPage(page);
  const name = unique("zvm-edit");
  const id = await addAppliance(page.request, simulatedFleet()[3], name, unique("before"));

  await page.goto(`/appliances/${id}`);
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  const tenant = unique("after");
  await page.getByLabel("Tenant").fill(tenant);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText(`Saved ${name}: tags changed.`);
  await page.goto(`/appliances/${id}`);
  await expect(page.getByText(`${tenant} · ams`)).toBeVisible();

  // The settings this test changes, put back whatever happens.
  const before = (await (await page.request.get("/api/v1/settings")).json()) as { billingEndpoints: unknown };
  try {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    const endpoints = page.getByLabel("Zerto 9.0 and later");
    await endpoints.fill("billing9.e2e.example.net:443");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("status")).toContainText("Settings saved");
    await page.getByLabel("Grace period (days)").fill("3");
    await page.getByLabel("Critical at or below (days left)").fill("5");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("criticalDays: must be less than graceDays");

    await page.goto("/migration");
    await expect(page.getByTestId("endpoints-new")).toContainText("billing9.e2e.example.net:443");

    await page.goto("/admin/audit");
    await page.getByLabel("Action").selectOption("appliance.update");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page.getByTestId("audit-table").getByRole("row", { name: new RegExp(name) })).toContainText("tags");
  } finally {
    const restored = await page.request.patch("/api/v1/settings", { data: { billingEndpoints: before.billingEndpoints } });
    expect(restored.status()).toBe(200);
  }
});

test("an admin removes an appliance only by typing its name, and the removal is audited", async ({ page }) => {
  await adminPage(page);
  const name = unique("zvm-gone");
  await addAppliance(page.request, simulatedFleet()[3], name, unique("rm"));
  await page.goto("/admin/appliances");
  await page.getByRole("button", { name: `Remove ${name}…` }).click();
  const remove = page.getByRole("button", { name: `Remove ${name}`, exact: true });
  await expect(remove).toBeDisabled();
  const field = page.getByLabel(`Name of the appliance to remove (${name})`);
  await field.fill(`${name}-typo`);
  await expect(remove).toBeDisabled();
  await field.fill(name);
  await remove.click();
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: `Remove ${name}…` })).toHaveCount(0);

  await page.goto(`/admin/audit?action=appliance.remove`);
  await expect(page.getByTestId("audit-table").getByRole("row", { name: new RegExp(name) })).toBeVisible();
});

test("an admin resets a password, and the user signs in with it; sign-ins are audited", async ({ page, browser }) => {
  await adminPage(page);
  const user = await userPage(browser, page, "operator");
  await user.close();
  await page.goto("/admin/users");
  const row = page.locator(`[data-testid="user-row"][data-email="${user.email}"]`);
  await expect(row.getByTestId("user-access")).toHaveText("Active");
  await row.locator("summary", { hasText: `Reset password of ${user.email}` }).click();
  await row.getByRole("button", { name: `Set new password for ${user.email}` }).click();
  await expect(row.getByRole("status").filter({ hasText: "New password set" })).toContainText(`New password set for ${user.email}`);
  const password = ((await row.getByTestId("new-secret").textContent()) ?? "").trim();
  expect(password.length).toBeGreaterThanOrEqual(20);

  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const signedIn = await context.newPage();
    await signIn(signedIn, user.email, password);
    await expect(signedIn.getByTestId("signed-in-as")).toContainText(`${user.email} · operator`);
  } finally {
    await context.close();
  }

  // Disabled: the Access column says so, and the old session's user can no longer sign in.
  await row.getByLabel("Access").selectOption("Disabled");
  await row.getByRole("button", { name: "Apply" }).click();
  await expect(row.getByRole("status").filter({ hasText: "is now" })).toHaveText(`${user.email} is now operator, disabled.`);
  await page.reload();
  await expect(page.locator(`[data-testid="user-row"][data-email="${user.email}"]`).getByTestId("user-access")).toHaveText("Disabled");

  await page.goto(`/admin/audit?action=auth.sign-in&actor=${encodeURIComponent(user.email)}`);
  await expect(page.getByTestId("audit-table").getByRole("row", { name: new RegExp(`${user.email}.*ok`) }).first()).toBeVisible();
  await page.goto(`/admin/audit?action=user.reset-password`);
  await expect(page.getByTestId("audit-table").getByRole("row", { name: new RegExp(user.email) })).toBeVisible();
});

test("a bulk test asks to confirm the count, and its summary names the appliance that failed and why", async ({ page }) => {
  const passing = simulatedFleet()[3];
  const failing = simulatedFleet()[1];
  await updateSimulatedZvm(passing.id, { scenario: "healthy", sendUsageResult: "passed" });
  await updateSimulatedZvm(failing.id, { sendUsageResult: "failed" });
  try {
    await adminPage(page);
    const tenant = unique("bulk");
    const good = unique("zvm-bulk-ok");
    const bad = unique("zvm-bulk-bad");
    await addAppliance(page.request, passing, good, tenant);
    await addAppliance(page.request, failing, bad, tenant);
    await page.goto(`/?tenant=${tenant}`);
    await page.getByRole("button", { name: "Test transmission on all 2 matching" }).click();
    await expect(page.getByRole("alertdialog")).toContainText("Run a test usage transmission on 2 appliances?");
    await page.getByRole("button", { name: "Yes, test 2 appliances" }).click();
    const progress = page.getByTestId("bulk-progress");
    await expect(progress).toHaveAttribute("data-finished", "true", { timeout: 60_000 });
    await expect(progress).toContainText("✓ 1 passed · ✕ 1 failed");
    const failures = page.getByTestId("bulk-failure");
    await expect(failures).toHaveCount(1);
    await expect(failures.first()).toHaveAttribute("data-name", bad);
    await expect(failures.first()).toContainText(`${bad} failed: `);

    // The appliance page shows the same reason beside the failed test.
    await failures.first().getByRole("link", { name: bad }).click();
    const transmissions = page.getByTestId("transmissions");
    await expect(transmissions.getByTestId("transmission-status").first()).toHaveText("failed");
    await expect(transmissions.locator("tbody tr").first().locator("td").nth(3)).not.toHaveText("");
  } finally {
    // A failed send raised the ZVM's billing alert: back to the healthy ZVM the other specs expect.
    await updateSimulatedZvm(failing.id, { scenario: "healthy", sendUsageResult: "passed" });
  }
});

test("the admin screens fit 1366×768: navigation on one line, nothing wider than the screen", async ({ page }) => {
  await adminPage(page);
  const name = unique("zvm-a-rather-long-appliance-name");
  const id = await addAppliance(page.request, simulatedFleet()[3], name, unique("layout"));
  for (const path of ["/", "/compliance", "/alerts", "/migration", "/admin/appliances", "/admin/users", "/admin/tokens", "/admin/channels", "/admin/alert-catalog", "/admin/settings", "/admin/audit", `/appliances/${id}`]) {
    await page.goto(path);
    const nav = page.getByTestId("main-nav");
    await expect(nav).toBeVisible();
    const box = await nav.boundingBox();
    // One line of links: the height of a single link row, not two.
    expect(box?.height, `navigation height on ${path}`).toBeLessThan(60);
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, screen: window.innerWidth }));
    expect(widths.page, `page width on ${path}`).toBeLessThanOrEqual(widths.screen);
  }
  // Names are not broken mid-name.
  await page.goto("/admin/appliances");
  const cell = page.getByRole("link", { name, exact: true });
  const height = await cell.evaluate((element) => element.getBoundingClientRect().height);
  expect(height).toBeLessThan(30);
});
