import { expect, test } from "@playwright/test";
import { ADMIN, signIn, unique } from "./fixtures";

test("an admin creates an API token, automation uses it, and revoking it shuts it out", async ({ page, request }) => {
  const name = unique("automation");
  await signIn(page, ADMIN.email, ADMIN.password);
  await page.getByRole("navigation").getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API and collector tokens" })).toBeVisible();

  const createForm = page.locator("section", { has: page.getByRole("heading", { name: "Create a token" }) });
  await createForm.getByLabel("Name").fill(name);
  await createForm.getByLabel("Role").selectOption("operator");
  await createForm.getByRole("button", { name: "Create token" }).click();
  await expect(createForm.getByRole("status")).toHaveText(`Created token "${name}" (operator).`);
  const token = (await createForm.getByTestId("new-secret").textContent())?.trim() ?? "";
  expect(token).toMatch(/^ll_[\w-]{43}$/);
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("operator");
  await expect(row).toContainText(`by ${ADMIN.email}`);
  await expect(row).not.toContainText(token);

  const withToken = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(withToken.status()).toBe(200);
  expect(await withToken.json()).toEqual({ kind: "token", name: `token:${name}`, role: "operator" });

  const anonymous = await request.get("/api/v1/me");
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ error: { code: "unauthorized" } });

  // The secret is shown once: a fresh load of the page no longer has it.
  await page.reload();
  await expect(page.getByTestId("new-secret")).toHaveCount(0);
  await expect(page.getByText(token)).toHaveCount(0);

  await page.getByRole("row", { name: new RegExp(name) }).getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("revoked");
  const revoked = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(revoked.status()).toBe(401);
});
