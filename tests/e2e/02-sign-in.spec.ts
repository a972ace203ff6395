import { expect, test } from "@playwright/test";
import { ADMIN } from "./fixtures";

test.describe("sign-in", () => {
  for (const attempt of [
    { name: "a wrong password", email: ADMIN.email, password: "not the admin password" },
    { name: "an unknown email", email: "nobody@e2e.example.net", password: ADMIN.password },
  ]) {
    test(`refuses ${attempt.name} and stays on the sign-in page`, async ({ page }) => {
      await page.goto("/signin");
      await page.getByLabel("Email").fill(attempt.email);
      await page.getByLabel("Password").fill(attempt.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("main").getByRole("alert")).toHaveText("Wrong email or password.");
      await expect(page).toHaveURL(/\/signin$/);
      await page.goto("/");
      await expect(page).toHaveURL(/\/signin/);
    });
  }

  test("brings the user back to the page asked for, on this site only", async ({ page }) => {
    await page.goto("/alerts?status=resolved");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Falerts%3Fstatus%3Dresolved$/);
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/alerts\?status=resolved$/);
    await expect(page.getByRole("heading", { name: "Alerts" })).toBeVisible();
  });

  for (const foreign of ["https://evil.example/phish", "//evil.example/phish", "/\\evil.example"]) {
    test(`refuses to send a signed-in user to ${foreign}`, async ({ page }) => {
      await page.goto(`/signin?callbackUrl=${encodeURIComponent(foreign)}`);
      await page.getByLabel("Email").fill(ADMIN.email);
      await page.getByLabel("Password").fill(ADMIN.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("heading", { name: "Fleet" })).toBeVisible();
      expect(new URL(page.url()).host).toBe("127.0.0.1:3210");
      expect(new URL(page.url()).pathname).toBe("/");
    });
  }
});
