import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN, SCREENSHOTS, signIn, unique } from "./fixtures";

test("an admin adds a viewer, who signs in without access to administration", async ({ page, browser }) => {
  const viewer = { email: `${unique("viewer")}@e2e.example.net`, password: "viewer password 123" };

  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("navigation").getByRole("link", { name: "Users" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  const addForm = page.locator("section", { has: page.getByRole("heading", { name: "Add a user" }) });
  await addForm.getByLabel("Email").fill(viewer.email);
  await addForm.getByLabel("Role").selectOption("viewer");
  await addForm.getByLabel("Initial password (12+ characters)").fill(viewer.password);
  await addForm.getByRole("button", { name: "Add user" }).click();
  await expect(addForm.getByRole("status")).toHaveText(`Added ${viewer.email} as viewer.`);
  const row = page.getByRole("row", { name: new RegExp(viewer.email) });
  await expect(row).toContainText("viewer");
  await expect(row).toContainText("never");
  await page.screenshot({ path: path.join(SCREENSHOTS, "users.png"), fullPage: true });

  const viewerContext = await browser.newContext();
  try {
    const viewerPage = await viewerContext.newPage();
    await signIn(viewerPage, viewer.email, viewer.password);
    await expect(viewerPage.getByTestId("signed-in-as")).toHaveText(`${viewer.email} · viewer`);
    const nav = viewerPage.getByRole("navigation");
    await expect(nav.getByRole("link", { name: "Fleet" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Users" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "API tokens" })).toHaveCount(0);

    for (const adminPage of ["/admin/users", "/admin/tokens"]) {
      const response = await viewerPage.goto(adminPage);
      expect(response?.status()).toBe(403);
      await expect(viewerPage.getByRole("heading", { name: "Not allowed" })).toBeVisible();
      // Nothing of the page leaks: no user list, no token list.
      await expect(viewerPage.getByRole("table")).toHaveCount(0);
      await expect(viewerPage.getByText(ADMIN.email)).toHaveCount(0);
    }
  } finally {
    await viewerContext.close();
  }

  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(viewer.email) })).not.toContainText("never");
});
