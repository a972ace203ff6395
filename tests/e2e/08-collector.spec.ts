import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADMIN, SCREENSHOTS, signIn, unique } from "./fixtures";
import { simulatedFleet } from "./simulator";

/** Stops the collector as systemd would, and says how it ended. */
async function stop(collector: ChildProcess): Promise<number | null> {
  if (collector.exitCode !== null) return collector.exitCode;
  const ended = new Promise<number | null>((resolve) => collector.once("exit", (code) => resolve(code)));
  collector.kill("SIGTERM");
  return ended;
}

test("an admin connects a collector for a ZVM Lifeline cannot reach; an operator's test transmission runs through it", async ({ page, baseURL }) => {
  const zvm = simulatedFleet()[1];
  const name = unique("zvm-site");
  const region = unique("site");
  await signIn(page, ADMIN.email, ADMIN.password);

  // The appliance reports through a collector instead of being polled.
  const added = await page.request.post("/api/v1/appliances", {
    data: { name, kind: "zvm", role: "production", mode: "reporting", url: zvm.url, tags: { region } },
  });
  expect(added.status()).toBe(201);
  const { id } = (await added.json()) as { id: string };

  // A collector token limited to the site's region, made where an admin makes tokens.
  await page.goto("/admin/tokens");
  const createForm = page.locator("section", { has: page.getByRole("heading", { name: "Create a token" }) });
  await createForm.getByLabel("Name").fill(`collector ${region}`);
  await createForm.getByLabel("Role").selectOption("collector");
  await createForm.getByLabel(/Limit to tags/).fill(`region:${region}`);
  await createForm.getByRole("button", { name: "Create token" }).click();
  const token = (await createForm.getByTestId("new-secret").textContent())?.trim() ?? "";
  expect(token).toMatch(/^ll_/);

  // The collector near the ZVM, as the README sets it up: secrets from the environment.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-e2e-collector-"));
  const config = path.join(dir, "collector.json");
  fs.writeFileSync(
    config,
    JSON.stringify({
      lifeline: { url: baseURL, token: { env: "LIFELINE_COLLECTOR_TOKEN" } },
      intervalSeconds: 2,
      queue: { directory: "queue" },
      zvms: [{ applianceId: id, name, url: zvm.url, username: zvm.username, password: { env: "ZVM_PASSWORD" }, tlsFingerprintSha256: zvm.fingerprint }],
    }),
  );
  let output = "";
  const collector: ChildProcess = spawn(path.resolve("node_modules", ".bin", "tsx"), ["collector/main.ts", "--config", config], {
    env: { NODE_ENV: "production", PATH: process.env.PATH ?? "", HOME: os.homedir(), LIFELINE_COLLECTOR_TOKEN: token, ZVM_PASSWORD: zvm.password },
    stdio: ["ignore", "pipe", "pipe"],
  });
  collector.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  collector.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    await page.goto(`/appliances/${id}`);
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByText("zvm · production · reporting")).toBeVisible();
    // The first heartbeat arrives within the collector's first round; the page refreshes itself.
    await expect(page.locator("[data-status]").first()).toHaveAttribute("data-status", "ok", { timeout: 30_000 });
    const lastHeartbeat = page.locator("dt", { hasText: "Last heartbeat" }).locator("xpath=following-sibling::dd[1]");
    await expect(lastHeartbeat).not.toHaveText("never");
    await expect(page.getByTestId("recent-heartbeats").locator("li").first()).toContainText(`billing alert off · from collector ${region}`);

    // The request waits as a command; the next heartbeat answer hands it to the collector, which runs it.
    await page.getByRole("button", { name: "Test usage transmission" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Test transmission requested" })).toBeVisible();
    await expect(page.getByTestId("transmission-status").first()).toHaveText("passed", { timeout: 30_000 });
    // The collector ran it, so the proof of a send is the collector's.
    await expect(page.getByText("(collector)")).toBeVisible();
    await page.screenshot({ path: path.join(SCREENSHOTS, "appliance-reporting.png"), fullPage: true });
  } finally {
    const code = await stop(collector);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(code, output.slice(-2_000)).toBe(0);
  }
});
