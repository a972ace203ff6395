import { expect, test } from "@playwright/test";
import { unique } from "./fixtures";
import { VIEWPORT, addAppliance, adminPage } from "./07-helpers";
import { simulatedFleet } from "./simulator";

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

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  const endpoints = page.getByLabel("Zerto 9.0 and later");
  const before = await endpoints.inputValue();
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

  await page.goto("/admin/settings");
  await page.getByLabel("Zerto 9.0 and later").fill(before);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status")).toContainText("Settings saved");
});
