import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("prisma/migrations", () => {
  it("bring an empty database exactly to prisma/schema.prisma", async () => {
    // --exit-code: 0 when there is no difference, 2 when the schema has changes no migration holds.
    const result = await run(
      "npx",
      ["prisma", "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script", "--exit-code"],
      { encoding: "utf8" },
    ).then(
      () => ({ code: 0, stdout: "" }),
      (error: { code?: number; stdout?: string }) => ({ code: error.code, stdout: error.stdout ?? "" }),
    );
    expect(result.stdout.slice(0, 2000)).not.toMatch(/CREATE|ALTER|DROP/);
    expect(result.code).toBe(0);
  }, 120_000);
});
