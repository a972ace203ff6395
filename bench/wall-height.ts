// Measures the wall view as a NOC screen shows it: for each count of problem
// appliances and each screen size, the page's full height against the screen's,
// how many tiles and groups it draws and whether any lies below the screen.
//   flock /tmp/lifeline-e2e.lock npx tsx bench/wall-height.ts [--counts 25,300] [--sizes 1366x768,1920x1080,3840x2160]
// The server is `npm start` (it builds first when the sources changed) on a free port and its own data directory.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { WALL_VIEWER as VIEWER } from "../tests/e2e/wall-viewer";
import { startLifeline } from "./lib/seeded-fleet";


async function main() {
  const { values } = parseArgs({
    options: { counts: { type: "string", default: "25,300" }, sizes: { type: "string", default: "1366x768,1920x1080,3840x2160" } },
  });
  const counts = values.counts.split(",").map(Number);
  const sizes = values.sizes.split(",").map((size) => size.split("x").map(Number) as [number, number]);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    for (const count of counts) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-wall-bench-"));
      try {
        const seeded = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "tests/e2e/seed-wall-fleet.ts", dataDir, String(count)], {
          stdio: "inherit",
        });
        if (seeded.status !== 0) throw new Error("seeding failed");
        const server = await startLifeline({ LIFELINE_DATA_DIR: dataDir });
        try {
          for (const [width, height] of sizes) {
            const context = await browser.newContext({ viewport: { width, height } });
            const page = await context.newPage();
            await page.goto(`${server.url}/signin?callbackUrl=/wall`);
            await page.getByLabel("Email").fill(VIEWER.email);
            await page.getByLabel("Password").fill(VIEWER.password);
            await page.getByRole("button", { name: "Sign in", exact: true }).click();
            await page.waitForURL(/\/wall$/);
            await page.getByTestId("wall-tile").first().waitFor();
            const figures = await page.evaluate(() => {
              const boxes = [...document.querySelectorAll('[data-testid="wall-tile"], [data-testid="wall-group"]')].map((element) =>
                element.getBoundingClientRect(),
              );
              return {
                pageHeight: document.scrollingElement?.scrollHeight ?? 0,
                tiles: document.querySelectorAll('[data-testid="wall-tile"]').length,
                groups: document.querySelectorAll('[data-testid="wall-group"]').length,
                belowScreen: boxes.filter((box) => box.bottom > window.innerHeight || box.right > window.innerWidth).length,
              };
            });
            console.log(
              `${count} problem appliances at ${width}×${height}: page ${figures.pageHeight} px tall (screen ${height}), ` +
                `${figures.tiles} tiles, ${figures.groups} groups, ${figures.belowScreen} drawn outside the screen`,
            );
            await context.close();
          }
        } finally {
          await server.stop();
        }
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
