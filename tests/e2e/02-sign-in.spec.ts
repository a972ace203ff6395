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
});
