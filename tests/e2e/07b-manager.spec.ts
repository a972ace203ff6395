import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { formatPercent } from "../../lib/format/number-format";
import { parseCsv } from "../../lib/csv/csv";
import { unique } from "./fixtures";
import { VIEWPORT, addAppliance, adminPage, userPage } from "./helpers/noc";
import { simulatedFleet, updateSimulatedZvm } from "./simulator";

test.use({ viewport: VIEWPORT });

test("a manager reads this month so far: a healthy new tenant is compliant today, not 0 %, and its CSV holds the same numbers", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const zvm = simulatedFleet()[3];
  await updateSimulatedZvm(zvm.id, { scenario: "healthy", sendUsageResult: "passed" });
  await adminPage(page);
  const tenant = unique("mgr");
  await addAppliance(page.request, zvm, unique("zvm-mgr"), tenant);

  const manager = await userPage(browser, page, "viewer");
  const screen = manager.page;
  await screen.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Compliance" }).click();
  await expect(screen.getByRole("heading", { name: "Compliance", level: 1 })).toBeVisible();
  // Without a period named, the page answers for the last full calendar month.
  const now = new Date();
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  await expect(screen.getByTestId("period-label")).toHaveText(`${last.toLocaleString("en-GB", { month: "long", timeZone: "UTC" })} ${last.getUTCFullYear()}`);

  await screen.getByRole("navigation", { name: "Periods" }).getByRole("link", { name: "This month", exact: true }).click();
  await expect(screen).toHaveURL(new RegExp(`month=${now.toISOString().slice(0, 7)}`));
  // The worker samples the fleet every minute: the new tenant's day appears, OK so far.
  const row = screen.getByTestId("table-tenants").getByTestId("data-row").filter({ hasText: tenant });
  await expect(async () => {
    await screen.reload();
    await expect(row).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 150_000, intervals: [5_000] });
  const cells = await row.locator("td").evaluateAll((tds) => tds.map((td) => ({ text: (td.textContent ?? "").trim(), value: td.getAttribute("data-value") ?? "" })));
  expect(cells[4].text).toBe("100.0 %");
  expect(Number(await screen.getByTestId("chart-compliance").getAttribute("data-points"))).toBeGreaterThan(0);
  await expect(screen.getByTestId("table-daily").getByTestId("data-row").first()).toContainText("today, so far");

  const [download] = await Promise.all([screen.waitForEvent("download"), screen.getByTestId("csv-tenants").click()]);
  const csv = parseCsv(fs.readFileSync((await download.path()) as string, "utf8"));
  const line = csv.find((cellsOfRow) => cellsOfRow[0] === tenant) as string[];
  expect(line.slice(1)).toEqual(cells.slice(1).map((cell) => cell.value));
  expect(line[4]).toBe("1");
  expect(formatPercent(Number(line[4]))).toBe(cells[4].text);

  // Healthy appliances are not "at risk" for the billing day: they wait to be proven, apart.
  const panel = screen.getByTestId("billing-day-panel");
  await expect(panel.getByTestId("table-billing-day").getByText(tenant)).toHaveCount(0);
  await expect(panel).toContainText("reported no failure but have no send proven in 24 hours");
  await manager.close();
});
