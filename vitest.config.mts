import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "@": path.dirname(fileURLToPath(import.meta.url)) };

// Tests never touch ./data: a throw-away key and data directory per run.
const env = {
  LIFELINE_SECRET_KEY: crypto.randomBytes(32).toString("hex"),
  LIFELINE_DATA_DIR: path.join(os.tmpdir(), `lifeline-vitest-${process.pid}`),
  LOG_LEVEL: "warn",
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node", env },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          env,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two cores: run test files two at a time; each opens its own database.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
