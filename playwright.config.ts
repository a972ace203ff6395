import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// Browser tests run the real production server (`npm start`) on an embedded
// database in a fresh data directory, so they need no PostgreSQL and start
// from the first-run page. Build first (`npm run test:browser` does).

const PORT = 3210;
const BASE_URL = `http://127.0.0.1:${PORT}`;
// Simulated ZVMs the appliance specs register and poll over HTTPS.
const SIMULATOR_PORT = 3211;
// The OpenID provider the single sign-on spec signs in through (tests/e2e/oidc-provider.ts).
const OIDC_PORT = 3212;

// Playwright loads this file in the runner and again in each worker; the
// workers inherit the runner's environment and so reuse its data directory.
const DATA_DIR_VARIABLE = "LIFELINE_E2E_DATA_DIR";

// Whatever the shell has, the server gets the embedded database and secrets of
// its own. Removed rather than blanked: next-auth reads NEXTAUTH_* itself and
// fails on an empty URL. (The web server inherits this process's environment.)
for (const name of ["DATABASE_URL", "LIFELINE_SECRET_KEY", "NEXTAUTH_SECRET", "NEXTAUTH_URL", "LIFELINE_WORKER", "LIFELINE_LOCAL_SIGNIN", "LIFELINE_METRICS"]) {
  delete process.env[name];
}
if (!process.env[DATA_DIR_VARIABLE]) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lifeline-e2e-"));
  process.env[DATA_DIR_VARIABLE] = dataDir;
  process.env.LIFELINE_E2E_SIM_FLEET = path.join(dataDir, "simulated-fleet.json");
  process.env.LIFELINE_E2E_SIM_URL = `https://127.0.0.1:${SIMULATOR_PORT}`;
  process.env.LIFELINE_E2E_OIDC_URL = `http://127.0.0.1:${OIDC_PORT}`;
  process.env.OIDC_TEST_CLIENT_SECRET = crypto.randomBytes(24).toString("base64url");
  process.on("exit", () => fs.rmSync(dataDir, { recursive: true, force: true }));
}

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: BASE_URL,
    screenshot: "only-on-failure",
    trace: "off",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-gpu"],
    },
  },
  projects: [
    // The first-run page works once per data directory: it runs first, and
    // creates the administrator the other specs sign in as.
    { name: "first-run", testMatch: /01-first-run\.spec\.ts/ },
    { name: "signed-in", testIgnore: /01-first-run\.spec\.ts/, dependencies: ["first-run"] },
  ],
  webServer: [
    {
      // Four simulated ZVMs, and a captured one Lifeline's defaults cannot read fully (10-real-zvms).
      command: `npx tsx simulator/main.ts --count 4 --port ${SIMULATOR_PORT} --quiet --out ${process.env.LIFELINE_E2E_SIM_FLEET} --replay tests/fixtures/zvm-captures/linux-unknown-licence-alert.json`,
      url: `https://127.0.0.1:${SIMULATOR_PORT}/_control/zvms`,
      ignoreHTTPSErrors: true,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: `npx tsx tests/e2e/oidc-provider.ts --port ${OIDC_PORT} --client-id lifeline-e2e --redirect-uri ${BASE_URL}/api/auth/callback/oidc`,
      url: `http://127.0.0.1:${OIDC_PORT}/.well-known/openid-configuration`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "ignore",
    },
    {
    command: "npm start",
    url: `${BASE_URL}/healthz`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      LIFELINE_DATA_DIR: process.env[DATA_DIR_VARIABLE] as string,
      LOG_LEVEL: "warn",
      // Single sign-on through the loopback provider; local passwords stay on for everyone.
      LIFELINE_OIDC_ISSUER: process.env.LIFELINE_E2E_OIDC_URL as string,
      LIFELINE_OIDC_CLIENT_ID: "lifeline-e2e",
      LIFELINE_OIDC_CLIENT_SECRET: process.env.OIDC_TEST_CLIENT_SECRET as string,
      LIFELINE_OIDC_NAME: "Example IdP",
      LIFELINE_OIDC_SCOPES: "openid email profile groups",
      LIFELINE_OIDC_VIEWER_GROUPS: "lifeline-viewers",
      LIFELINE_OIDC_OPERATOR_GROUPS: "lifeline-operators",
      LIFELINE_OIDC_ADMIN_GROUPS: "lifeline-admins",
    },
    },
  ],
});
