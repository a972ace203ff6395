import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN, SCREENSHOTS, signIn } from "./fixtures";

test("first run: create the administrator, who is signed in at once, sees the fleet, signs out and back in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Lifeline" })).toBeVisible();

  const fillSetupForm = async (confirm: string) => {
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password (12 characters or more)").fill(ADMIN.password);
    await page.getByLabel("Password again").fill(confirm);
    await page.getByRole("button", { name: "Create administrator" }).click();
  };
  await fillSetupForm(`${ADMIN.password} typo`);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The two passwords differ.");

  await fillSetupForm(ADMIN.password);
  // Set-up signs the new administrator in: straight to the fleet.
  await expect(page.getByRole("heading", { name: "Fleet" })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("signed-in-as")).toHaveText(`${ADMIN.email} · admin`);
  await expect(page.getByText(/^Worker alive/)).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOTS, "fleet.png"), fullPage: true });

  await page.goto("/setup");
  await expect(page.getByRole("status")).toContainText("Set-up is closed: an administrator already exists.");
  await expect(page.getByRole("button", { name: "Create administrator" })).toHaveCount(0);

  await page.goto("/");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin/);
  await signIn(page, ADMIN.email, ADMIN.password);
  await expect(page).toHaveURL(/\/$/);
});
