import { describe, expect, it } from "vitest";
import { storedViewChange } from "@/lib/appliances/stored-view-change";
import { DEFAULT_BILLING_SETTINGS } from "@/lib/billing";
import { DAY, NOW, ago, applianceRow, failing } from "../alerts/fixtures";

describe("storedViewChange", () => {
  it("is null while the stored status, readiness and dates still hold", () => {
    expect(storedViewChange(applianceRow(), DEFAULT_BILLING_SETTINGS, NOW)).toBeNull();
  });

  it("gives the new columns when the status moves with the clock alone, then nothing once they are stored", () => {
    const row = applianceRow(failing(ago(3 * DAY)));
    const first = storedViewChange(row, DEFAULT_BILLING_SETTINGS, NOW);
    expect(first).toMatchObject({ billingStatus: "warning", viewComputedAt: NOW });
    const nextDay = new Date(NOW.getTime() + DAY);
    expect(storedViewChange(applianceRow({ ...failing(ago(3 * DAY)), ...first }, nextDay), DEFAULT_BILLING_SETTINGS, nextDay)).toBeNull();
    const later = new Date(NOW.getTime() + 9 * DAY);
    const polledLater = applianceRow({ ...failing(ago(3 * DAY)), ...first }, later);
    expect(storedViewChange(polledLater, DEFAULT_BILLING_SETTINGS, later)).toMatchObject({ billingStatus: "critical", viewComputedAt: later });
  });

  it.each([
    ["a new failing-since", { failingSince: ago(DAY) }],
    ["a new disconnect time", { disconnectAt: ago(DAY) }],
    ["another readiness", { migrationReadiness: "blocked" as const }],
    ["another status", { billingStatus: "critical" as const }],
  ])("notices %s", (_, stored) => {
    expect(storedViewChange(applianceRow(stored), DEFAULT_BILLING_SETTINGS, NOW)).toMatchObject({ billingStatus: "ok", failingSince: null, disconnectAt: null, migrationReadiness: "ready" });
  });
});
