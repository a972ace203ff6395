import { expect, test } from "@playwright/test";

test("/healthz says the process is up", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(await response.json()).toMatchObject({ status: "ok", uptimeSeconds: expect.any(Number) });
});

test("/readyz says the database is migrated and the in-process worker is alive", async ({ request }) => {
  await expect
    .poll(async () => (await request.get("/readyz")).status(), { message: "readyz answers 200", timeout: 30_000 })
    .toBe(200);
  const response = await request.get("/readyz");
  expect(response.headers()["content-type"]).toContain("application/json");
  const body = await response.json();
  expect(body).toMatchObject({
    status: "ready",
    ready: true,
    embedded: true,
    database: { reachable: true, kind: "embedded" },
    migrations: { pending: [] },
    workers: { expected: true },
  });
  expect(body.workers.alive).toBeGreaterThanOrEqual(1);
  expect(Date.now() - Date.parse(body.workers.newestBeatAt)).toBeLessThan(30_000);
});
