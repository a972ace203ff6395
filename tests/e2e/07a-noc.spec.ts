import path from "node:path";
import { expect, test } from "@playwright/test";
import { unique } from "./fixtures";
import { DOCS_SCREENSHOTS, VIEWPORT, addAppliance, adminPage, expectSameWindow, markWindow, userPage } from "./helpers/noc";
import { simulatedFleet, updateSimulatedZvm } from "./simulator";

test.use({ viewport: VIEWPORT });

test("the NOC sees a ZVM flip to failing on the fleet page and the wall view, without reloading", async ({ page, browser }) => {
  const zvm = simulatedFleet()[2];
  await updateSimulatedZvm(zvm.id, { scenario: "healthy" });
  await adminPage(page);
  const tenant = unique("noc");
  const name = unique("zvm-noc");
  const id = await addAppliance(page.request, zvm, name, tenant, "fra");

  const noc = await userPage(browser, page, "viewer");
  await noc.page.goto(`/?tenant=${tenant}`);
  const row = noc.page.locator(`[data-testid="appliance-row"][data-name="${name}"]`);
  // Registered appliances are polled at once; the page updates itself.
  await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "ok", { timeout: 30_000 });
  await expect(noc.page.getByTestId("live-status")).toHaveAttribute("data-mode", "live");

  const wall = await noc.page.context().newPage();
  await wall.setViewportSize({ width: 1920, height: 1080 });
  await wall.goto("/wall");
  await expect(wall.getByRole("heading", { name: /Lifeline/ })).toBeVisible();
  await expect(wall.getByTestId("live-status")).toHaveAttribute("data-mode", "live");
  await expect(wall.getByRole("navigation")).toHaveCount(0);
  await markWindow(noc.page);
  await markWindow(wall);

  // The ZVM raises its billing alert, turned on 3 days ago (and a moment): 11 whole days left.
  await updateSimulatedZvm(zvm.id, { scenario: "failing", failingDays: 3 });
  expect((await page.request.post(`/api/v1/appliances/${id}/poll`)).status()).toBe(202);

  await expect(row.locator("[data-status]")).toHaveAttribute("data-status", "warning", { timeout: 30_000 });
  await expect(row.getByTestId("days-left-cell")).toHaveText("11");
  await expect(row.getByTestId("status-reason")).toContainText("Usage not sent since");
  await expectSameWindow(noc.page);

  const tile = wall.locator(`[data-testid="wall-tile"][data-name="${name}"]`);
  await expect(tile).toHaveAttribute("data-status", "warning", { timeout: 30_000 });
  // Not by colour alone: the tile says it in words, with a symbol.
  await expect(tile).toContainText("Warning");
  await expect(tile).toContainText("11 days left");
  await expectSameWindow(wall);

  await noc.page.goto("/");
  await expect(noc.page.getByTestId("next-disconnect")).toBeVisible();
  await expect(noc.page.getByTestId("live-status")).toHaveAttribute("data-mode", "live");
  await noc.page.screenshot({ path: path.join(DOCS_SCREENSHOTS, "fleet.png") });
  await wall.screenshot({ path: path.join(DOCS_SCREENSHOTS, "wall.png") });

  await noc.page.goto(`/appliances/${id}`);
  await expect(noc.page.getByTestId("countdown-bar")).toBeVisible();
  await expect(noc.page.getByTestId("reason").first()).toContainText("How to fix");
  await expect(noc.page.getByTestId("chart-polls").locator("svg").first()).toBeVisible();
  await noc.page.screenshot({ path: path.join(DOCS_SCREENSHOTS, "appliance.png"), fullPage: true });

  await updateSimulatedZvm(zvm.id, { scenario: "healthy" });
  await noc.close();
});
