import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { DOCS_SCREENSHOTS, VIEWPORT, adminPage, userPage } from "./07-helpers";

test.use({ viewport: VIEWPORT });

/** RFC 4180, enough for our own exports. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" || char === "\n") {
      if (char === "\r" && text[index + 1] === "\n") index += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += char;
  }
  return rows;
}

test("a manager opens compliance, sees a chart with data and downloads a CSV whose rows match the table", async ({ page, browser }) => {
  await adminPage(page);
  const manager = await userPage(browser, page, "viewer");
  const { page: screen } = manager;
  await screen.getByRole("navigation").getByRole("link", { name: "Compliance" }).click();
  await expect(screen.getByRole("heading", { name: "Compliance", level: 1 })).toBeVisible();

  // The worker samples the fleet every minute; earlier specs registered appliances.
  const chart = screen.getByTestId("chart-compliance");
  await expect(async () => {
    await screen.reload();
    expect(Number(await chart.getAttribute("data-points"))).toBeGreaterThan(0);
  }).toPass({ timeout: 120_000, intervals: [5_000] });
  await expect(chart.locator(".recharts-line-dots circle, .recharts-line-dot").first()).toBeVisible();

  const table = screen.getByTestId("table-tenants");
  const shown = await table.locator("tbody tr").evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll("td")).map((cell) => (cell.textContent ?? "").trim())),
  );
  expect(shown.length).toBeGreaterThan(0);
  const header = await table.locator("thead th").allTextContents();

  const [download] = await Promise.all([screen.waitForEvent("download"), screen.getByTestId("csv-tenants").click()]);
  expect(download.suggestedFilename()).toMatch(/^lifeline-compliance-tenants-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parseCsv(fs.readFileSync((await download.path()) as string, "utf8"));
  expect(rows[0]).toEqual(header.map((text) => text.trim()));
  expect(rows.slice(1)).toEqual(shown);

  await screen.getByRole("link", { name: "90 days" }).click();
  await expect(screen).toHaveURL(/days=90/);
  await expect(screen.getByTestId("billing-day-panel")).toBeVisible();
  await screen.screenshot({ path: path.join(DOCS_SCREENSHOTS, "compliance.png"), fullPage: true });
  await manager.close();
});
