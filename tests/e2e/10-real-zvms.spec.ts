import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN, SCREENSHOTS, signIn, unique } from "./fixtures";
import { simulatedFleet } from "./simulator";

// A captured ZVM (tests/fixtures/zvm-captures/linux-unknown-licence-alert.json)
// raises a licence alert Lifeline's defaults do not know. The admin sees it
// flagged, marks it as a billing alert in the catalogue in one click, and the
// appliance's countdown appears.
test("an admin calibrates Lifeline with the alert catalogue: an unknown licence alert becomes a billing alert", async ({ page }) => {
  const zvm = simulatedFleet().find((entry) => entry.scenario === "replay");
  if (!zvm) throw new Error("playwright.config.ts starts the simulator with a replayed capture");
  const name = unique("zvm-captured");

  await signIn(page, ADMIN.email, ADMIN.password);
  const created = await page.request.post("/api/v1/appliances", {
    data: {
      name,
      kind: "zvm",
      role: "production",
      mode: "polled",
      url: zvm.url,
      username: "monitor",
      password: "any",
      authScheme: "linux",
      tlsFingerprintSha256: zvm.fingerprint,
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/appliances/${id}`);
  await expect(page.getByTestId("unrecognised-licence-alert")).toContainText("LIC0099", { timeout: 30_000 });
  await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "ok");

  try {
    await page.getByRole("navigation").getByRole("link", { name: "Alert catalogue" }).click();
    const row = page.getByTestId("needs-review").locator('[data-testid="catalog-row"][data-help="LIC0099"]');
    await expect(row).toContainText("Usage report upload to the billing service failed.");
    await page.screenshot({ path: path.join(SCREENSHOTS, "alert-catalogue.png"), fullPage: true });
    await row.getByRole("button", { name: "Mark as billing" }).click();
    await expect(page.getByTestId("catalog-all").locator('[data-testid="catalog-row"][data-help="LIC0099"] [data-testid="recognised-as"]')).toContainText(
      "billing alert",
    );

    await page.goto(`/appliances/${id}`);
    await page.getByRole("button", { name: "Poll now" }).click();
    await expect(page.getByTestId("days-left")).toHaveText("12 days until VRA disconnect", { timeout: 30_000 });
    await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "warning");
    await expect(page.getByTestId("unrecognised-licence-alert")).toHaveCount(0);
  } finally {
    // The other specs run with the default alert patterns.
    const restored = await page.request.patch("/api/v1/alert-catalog", { data: { helpIdentifier: "LIC0099", recognisedAs: null } });
    expect(restored.status()).toBe(200);
  }
});
