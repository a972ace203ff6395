import { expect, test } from "@playwright/test";
import { unique } from "./fixtures";
import { VIEWPORT, addAppliance, adminPage, userPage } from "./helpers/noc";
import { simulatedFleet, updateSimulatedZvm } from "./simulator";

test.use({ viewport: VIEWPORT });

test("an operator runs a single and a bulk test transmission and watches their progress", async ({ page, browser }) => {
  const zvm = simulatedFleet()[3];
  await updateSimulatedZvm(zvm.id, { scenario: "healthy", sendUsageResult: "passed" });
  await adminPage(page);
  const tenant = unique("ops");
  const first = unique("zvm-ops-a");
  const second = unique("zvm-ops-b");
  const firstId = await addAppliance(page.request, zvm, first, tenant);
  await addAppliance(page.request, zvm, second, tenant);

  const operator = await userPage(browser, page, "operator");
  const screen = operator.page;
  await screen.goto(`/appliances/${firstId}`);
  await screen.getByRole("button", { name: "Test usage transmission" }).click();
  await expect(screen.getByRole("status").filter({ hasText: "Test transmission requested" })).toBeVisible();
  await expect(screen.getByTestId("transmission-status").first()).toHaveText("passed", { timeout: 30_000 });
  await expect(screen.getByTestId("timeline").locator('[data-kind="test-passed"]').first()).toBeVisible({ timeout: 30_000 });

  await screen.goto(`/?tenant=${tenant}`);
  await expect(screen.getByTestId("fleet-count")).toContainText("of 2");
  await screen.getByRole("button", { name: "Test transmission on all 2 matching" }).click();
  // Nothing is sent before the operator confirms the count.
  await expect(screen.getByRole("alertdialog")).toContainText("Run a test usage transmission on 2 appliances?");
  await screen.getByRole("button", { name: "Cancel" }).click();
  await expect(screen.getByRole("alertdialog")).toHaveCount(0);
  await screen.getByRole("button", { name: "Test transmission on all 2 matching" }).click();
  await screen.getByRole("button", { name: "Yes, test 2 appliances" }).click();
  await expect(screen.getByRole("status").filter({ hasText: "Requested 2 test transmissions" })).toBeVisible();
  const progress = screen.getByTestId("bulk-progress");
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("data-finished", "true", { timeout: 45_000 });
  await expect(screen.getByTestId("bulk-done")).toHaveText("2 of 2 done");
  await expect(progress).toContainText("✓ 2 passed");
  await expect(screen.getByTestId("bulk-failures")).toHaveCount(0);
  await operator.close();
});
