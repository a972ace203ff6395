import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { expectSameWindow, markWindow } from "./helpers/noc";
import { WALL_VIEWER } from "./wall-viewer";

// The NOC wall with 300 problem appliances on a server of this spec's own (port
// 3216, beside the suite's 3210 and the demo spec's 3215, with its own data
// directory), so the spec can stop and start it under an open wall and fleet page.

const PORT = 3216;
const BASE = `http://127.0.0.1:${PORT}`;
const PROBLEMS = 300;
const SCREENS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

let server: ChildProcess | null = null;
let dataDir = "";
let output = "";

function startServer(extraEnv: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(PORT), HOSTNAME: "127.0.0.1", LIFELINE_DATA_DIR: dataDir, LOG_LEVEL: "warn", ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: stopping it stops the server process it starts too.
    detached: true,
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return child;
}

/** Until /readyz answers 200 (or 503, without a worker: the database is up, no worker beats). */
async function waitUntilServing(status = 200): Promise<void> {
  await expect
    .poll(async () => (await fetch(`${BASE}/readyz`).catch(() => null))?.status ?? 0, { timeout: 180_000, intervals: [500], message: `the server on ${PORT} did not start:\n${output}` })
    .toBe(status);
}

async function stopServer(): Promise<void> {
  const child = server;
  server = null;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    process.kill(-(child.pid as number), "SIGTERM");
  });
  // Stopped means the port refuses connections, not only that the starter exited.
  await expect.poll(async () => (await fetch(`${BASE}/healthz`).catch(() => null)) === null, { timeout: 30_000 }).toBe(true);
}

test.describe.configure({ mode: "serial" });
test.use({ baseURL: BASE });

test.beforeAll(async () => {
  test.setTimeout(360_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-e2e-wall-"));
  const seeded = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "tests/e2e/seed-wall-fleet.ts", dataDir, String(PROBLEMS)], {
    env: { ...process.env, LOG_LEVEL: "warn" },
    encoding: "utf8",
  });
  expect(seeded.status, seeded.stderr).toBe(0);
  server = startServer();
  await waitUntilServing();
});

test.afterAll(async () => {
  await stopServer();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function signInToWall(page: Page): Promise<void> {
  await page.goto("/signin?callbackUrl=/wall");
  await page.getByLabel("Email").fill(WALL_VIEWER.email);
  await page.getByLabel("Password").fill(WALL_VIEWER.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/wall$/);
  await expect(page.getByTestId("wall-tile").first()).toBeVisible();
}

/** Everything the wall draws lies inside the screen, and the page does not scroll. */
async function expectWallFits(page: Page, screen: { width: number; height: number }): Promise<{ tiles: number; groups: number }> {
  const board = page.getByTestId("wall-board");
  await expect(board).toHaveAttribute("data-total", String(PROBLEMS));
  const layout = await page.evaluate(() => {
    const box = (element: Element) => {
      const rect = element.getBoundingClientRect();
      return { top: rect.top, left: rect.left, bottom: rect.bottom, right: rect.right };
    };
    const tiles = [...document.querySelectorAll('[data-testid="wall-tile"]')];
    const groups = [...document.querySelectorAll('[data-testid="wall-group"]')];
    const names = [...document.querySelectorAll('[data-testid="wall-tile-name"]')];
    return {
      scrollHeight: document.scrollingElement?.scrollHeight ?? Infinity,
      scrollWidth: document.scrollingElement?.scrollWidth ?? Infinity,
      innerHeight: window.innerHeight,
      innerWidth: window.innerWidth,
      boxes: [...tiles, ...groups, ...document.querySelectorAll('[data-testid^="wall-count-"], [data-testid="wall-next-disconnect"]')].map(box),
      sizes: tiles.map((tile) => tile.getAttribute("data-size")),
      statuses: tiles.map((tile) => tile.getAttribute("data-status")),
      grouped: groups.reduce((sum, group) => sum + Number(group.getAttribute("data-count")), 0),
      groupLabels: groups.map((group) => group.textContent ?? ""),
      reasons: [...document.querySelectorAll('[data-testid="wall-tile-reason"]')].map((reason) => reason.textContent ?? ""),
      // A name on one line: its box is no taller than one line of its type.
      wrappedNames: names.filter((name) => name.getBoundingClientRect().height > parseFloat(getComputedStyle(name).fontSize) * 1.5).length,
      titledNames: names.filter((name) => name.getAttribute("title") === name.closest('[data-testid="wall-tile"]')?.getAttribute("data-name")).length,
    };
  });
  expect(layout.innerHeight).toBe(screen.height);
  expect(layout.scrollHeight).toBeLessThanOrEqual(layout.innerHeight);
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
  for (const rect of layout.boxes) {
    expect(rect.top).toBeGreaterThanOrEqual(0);
    expect(rect.left).toBeGreaterThanOrEqual(0);
    expect(rect.bottom).toBeLessThanOrEqual(screen.height);
    expect(rect.right).toBeLessThanOrEqual(screen.width);
  }
  // Every problem appliance is on screen: as a tile, or counted in a group.
  expect(layout.sizes.length + layout.grouped).toBe(PROBLEMS);
  expect(layout.sizes.length).toBeGreaterThan(20);
  // The worst come first, on the biggest tiles.
  expect(layout.statuses[0]).toBe("disconnected");
  const rank = { large: 0, medium: 1, small: 2 } as Record<string, number>;
  expect(layout.sizes.every((size, index) => index === 0 || rank[size ?? ""] >= rank[layout.sizes[index - 1] ?? ""])).toBe(true);
  expect(layout.groupLabels.some((label) => /\d+ warning — \d+ to \d+ days left/.test(label))).toBe(true);
  // Each tile says its reason, not its status twice; names are shortened, never wrapped.
  expect(layout.reasons.filter((reason) => /Warning.*Warning/.test(reason))).toEqual([]);
  expect(layout.reasons.some((reason) => /VRAs disconnected/.test(reason))).toBe(true);
  expect(layout.reasons.some((reason) => /Warning · \d+ days? left/.test(reason))).toBe(true);
  expect(layout.wrappedNames).toBe(0);
  expect(layout.titledNames).toBe(layout.sizes.length);
  return { tiles: layout.sizes.length, groups: layout.groupLabels.length };
}

test("a wall of 300 problem appliances fits 1366×768, 1920×1080 and 3840×2160 without scrolling", async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  for (const screen of SCREENS) {
    const context = await browser.newContext({ viewport: screen });
    const page = await context.newPage();
    await signInToWall(page);
    const drawn = await expectWallFits(page, screen);
    testInfo.annotations.push({ type: "wall", description: `${screen.width}×${screen.height}: ${drawn.tiles} tiles, ${drawn.groups} groups` });
    await page.screenshot({ path: testInfo.outputPath(`wall-${PROBLEMS}-${screen.width}x${screen.height}.png`) });
    await context.close();
  }
});

test("the wall lays itself out again when the window changes size", async ({ browser }) => {
  const context = await browser.newContext({ viewport: SCREENS[1] });
  const page = await context.newPage();
  await signInToWall(page);
  await expectWallFits(page, SCREENS[1]);
  await markWindow(page);
  await page.setViewportSize(SCREENS[0]);
  await expect.poll(() => page.evaluate(() => document.scrollingElement?.scrollHeight)).toBeLessThanOrEqual(SCREENS[0].height);
  await expectWallFits(page, SCREENS[0]);
  await expectSameWindow(page);
  await context.close();
});

test("the wall, the fleet page and the alerts page keep their data through a server outage and recover by themselves", async ({ browser }, testInfo) => {
  test.setTimeout(360_000);
  const context = await browser.newContext({ viewport: SCREENS[1] });
  const wall = await context.newPage();
  await signInToWall(wall);
  const fleet = await context.newPage();
  await fleet.goto("/");
  await expect(fleet.getByRole("heading", { name: "Fleet" })).toBeVisible();
  // A page that refreshes on a timer rather than through the live stream.
  const alerts = await context.newPage();
  await alerts.goto("/alerts");
  await expect(alerts.getByRole("heading", { name: "Alerts", exact: true })).toBeVisible();
  await markWindow(alerts);
  for (const page of [wall, fleet]) {
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-mode", "live");
    await markWindow(page);
  }
  const firstBefore = await wall.getByTestId("wall-tile").first().getAttribute("data-name");

  await stopServer();
  for (const page of [wall, fleet]) {
    const banner = page.getByTestId("outage-banner");
    await expect(banner).toBeVisible({ timeout: 30_000 });
    await expect(banner).toContainText(/Lifeline unreachable since \d\d:\d\d UTC — data as of \d\d:\d\d UTC/);
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-mode", "unreachable");
    await expect(page.getByTestId("live-status")).not.toHaveAttribute("data-dot", "green");
  }
  // Long enough for every refresh the pages would do (the SSE stream's retries, the 60 s redraw is probe-gated).
  await expect(wall.getByTestId("outage-banner")).toContainText(/Trying again in \d+ s \(\d+ tries failed\)/, { timeout: 40_000 });
  await expect(alerts.getByTestId("outage-banner")).toContainText(/Lifeline unreachable since \d\d:\d\d UTC/, { timeout: 30_000 });
  for (const page of [wall, fleet, alerts]) {
    expect(page.url()).toMatch(new RegExp(`^${BASE}/`));
    await expectSameWindow(page);
  }
  // Still the last data: the same worst appliance first (the banner's room makes for fewer tiles, laid out again).
  await expect(wall.getByTestId("wall-tile").first()).toHaveAttribute("data-name", firstBefore as string);
  await expect(fleet.getByTestId("appliance-row").first()).toBeVisible();
  await expectWallFits(wall, SCREENS[1]);
  await wall.screenshot({ path: testInfo.outputPath("wall-outage-1920x1080.png") });
  await fleet.screenshot({ path: testInfo.outputPath("fleet-outage.png") });

  server = startServer();
  await waitUntilServing();
  for (const page of [wall, fleet]) {
    // Backoff caps at 30 s between tries.
    await expect(page.getByTestId("outage-banner")).toHaveCount(0, { timeout: 45_000 });
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-mode", "live", { timeout: 30_000 });
    await expectSameWindow(page);
  }
  await expect(alerts.getByTestId("outage-banner")).toHaveCount(0, { timeout: 45_000 });
  await expectSameWindow(alerts);
  await expectWallFits(wall, SCREENS[1]);
  await context.close();
});

test("the Live dot is never green beside the worker-down banner", async ({ browser }) => {
  test.setTimeout(300_000);
  await stopServer();
  server = startServer({ LIFELINE_WORKER: "off" });
  await waitUntilServing(503);
  const context = await browser.newContext({ viewport: SCREENS[1] });
  const wall = await context.newPage();
  await signInToWall(wall);
  // The stopped worker's last beat counts for a while; the wall redraws itself when it no longer does.
  await expect(wall.getByTestId("worker-down")).toBeVisible({ timeout: 180_000 });
  const live = wall.getByTestId("live-status");
  await expect(live).toHaveAttribute("data-mode", "live");
  await expect(live).toHaveAttribute("data-dot", "amber");
  await expect(live).toContainText("the worker is down");
  await expectWallFits(wall, SCREENS[1]);
  await context.close();
});
