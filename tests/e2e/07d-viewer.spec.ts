import { expect, test } from "@playwright/test";
import { unique } from "./fixtures";
import { VIEWPORT, addAppliance, adminPage, userPage } from "./helpers/noc";
import { simulatedFleet } from "./simulator";

test.use({ viewport: VIEWPORT });

test("a viewer finds no operator buttons, and is refused when posting the actions anyway", async ({ page, browser }) => {
  await adminPage(page);
  const tenant = unique("view");
  const id = await addAppliance(page.request, simulatedFleet()[3], unique("zvm-view"), tenant);
  const viewer = await userPage(browser, page, "viewer");
  const screen = viewer.page;

  await screen.goto(`/?tenant=${tenant}`);
  await expect(screen.getByTestId("appliance-row")).toHaveCount(1);
  await expect(screen.getByRole("button", { name: /Test transmission on all/ })).toHaveCount(0);
  for (const adminLink of ["Appliances", "Settings", "Audit log", "Channels"]) {
    await expect(screen.getByRole("navigation", { name: "Main" }).getByRole("link", { name: adminLink, exact: true })).toHaveCount(0);
  }

  await screen.goto(`/appliances/${id}`);
  await expect(screen.getByRole("heading", { level: 1 })).toBeVisible();
  for (const button of ["Test usage transmission", "Poll now", "Trust the new certificate"]) {
    await expect(screen.getByRole("button", { name: button })).toHaveCount(0);
  }
  await expect(screen.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);

  await screen.goto("/compliance");
  await expect(screen.getByTestId("billing-day-panel")).toBeVisible();
  await expect(screen.getByRole("button", { name: /Test transmission on all/ })).toHaveCount(0);

  const refusals = [
    screen.request.post(`/api/v1/appliances/${id}/test-transmissions`),
    screen.request.post(`/api/v1/appliances/${id}/poll`),
    screen.request.post("/api/v1/test-transmissions/bulk", { data: { tenant } }),
    screen.request.post("/api/v1/compliance/billing-day/test-transmissions"),
    screen.request.patch(`/api/v1/appliances/${id}`, { data: { tags: { tenant: "taken-over" } } }),
  ];
  for (const response of await Promise.all(refusals)) expect(response.status()).toBe(403);

  // An edit page answers a real 403, not a 200 that says "not allowed".
  for (const path of [`/appliances/${id}/edit`, "/admin/settings", "/admin/channels"]) {
    const response = await screen.goto(path);
    expect(response?.status()).toBe(403);
    await expect(screen.getByRole("heading", { name: "Not allowed" })).toBeVisible();
    await expect(screen.getByRole("button", { name: /Save/ })).toHaveCount(0);
  }
  await viewer.close();
});
