import path from "node:path";
import { expect, type Page } from "@playwright/test";

/** The administrator that 01-first-run creates through the first-run page. */
export const ADMIN = { email: "noc-admin@e2e.example.net", password: "first-run admin password" };

export const SCREENSHOTS = path.join(__dirname, "screenshots");

/** A value no other test or run uses, for emails and names. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Signs in through the form and waits for the fleet page. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Fleet" })).toBeVisible();
  await expect(page.getByTestId("signed-in-as")).toContainText(email);
}
