import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { ADMIN, signIn, unique } from "../fixtures";
import type { simulatedFleet } from "../simulator";

type SimulatedZvm = ReturnType<typeof simulatedFleet>[number];

/**
 * Screenshots for the README: written here, outside tracked files, and copied
 * into docs/screenshots only on purpose (`npm run screenshots:docs`).
 */
export const DOCS_SCREENSHOTS = "test-results/screenshots";

export const VIEWPORT = { width: 1366, height: 768 };

/** A new user of `role` added by the admin through the users page; returns a page signed in as them. */
export async function userPage(browser: Browser, admin: Page, role: "viewer" | "operator", viewport = VIEWPORT) {
  const email = `${unique(role)}@e2e.example.net`;
  const password = `${role} password 123`;
  await admin.goto("/admin/users");
  const form = admin.locator("section", { has: admin.getByRole("heading", { name: "Add a user" }) });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption(role);
  await form.getByLabel(/Initial password/).fill(password);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("status")).toContainText(`Added ${email}`);
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  await signIn(page, email, password);
  return { page, email, close: () => context.close() };
}

export async function adminPage(page: Page): Promise<Page> {
  await signIn(page, ADMIN.email, ADMIN.password);
  return page;
}

/** Registers a polled appliance on a simulated ZVM through the API (the admin's session). */
export async function addAppliance(request: APIRequestContext, zvm: SimulatedZvm, name: string, tenant: string, region = "ams") {
  const response = await request.post("/api/v1/appliances", {
    data: {
      name,
      kind: "zvm",
      role: "production",
      mode: "polled",
      url: zvm.url,
      username: zvm.username,
      password: zvm.password,
      tlsFingerprintSha256: zvm.fingerprint,
      tags: { tenant, region },
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Marks the window, so a test can prove later that the page was never reloaded. */
export async function markWindow(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __lifelineMark?: boolean }).__lifelineMark = true;
  });
}

export async function expectSameWindow(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __lifelineMark?: boolean }).__lifelineMark === true)).toBe(true);
}
