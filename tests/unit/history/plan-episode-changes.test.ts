import { describe, expect, it } from "vitest";
import { planEpisodeChanges, thresholdsReached, type ApplianceSample, type EpisodeState } from "@/lib/history/plan-episode-changes";

const DAY = 86_400_000;
const NOW = new Date("2026-11-22T12:00:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const GRACE = 15;
const CRITICAL = 5;

function sample(overrides: Partial<ApplianceSample> = {}): ApplianceSample {
  const failingSince = overrides.failingSince === undefined ? null : overrides.failingSince;
  return {
    applianceId: "a1",
    name: "zvm-ams-01",
    tenant: "acme",
    region: "ams",
    role: "production",
    billingStatus: failingSince ? "warning" : "ok",
    disconnectAt: failingSince ? new Date(failingSince.getTime() + GRACE * DAY) : null,
    lastSuccessfulSendAt: null,
    alertsObservedAt: null,
    ...overrides,
    failingSince,
  };
}

function episode(startedAt: Date, overrides: Partial<EpisodeState> = {}): EpisodeState {
  return {
    id: "e1",
    startedAt,
    criticalAt: null,
    disconnectedAt: null,
    applianceName: "zvm-ams-01",
    tenant: "acme",
    region: "ams",
    role: "production",
    ...overrides,
  };
}

describe("planEpisodeChanges", () => {
  it("opens an episode from failingSince when an appliance starts failing", () => {
    const changes = planEpisodeChanges({ open: null }, sample({ failingSince: ago(2) }), CRITICAL, NOW);
    expect(changes).toEqual([
      expect.objectContaining({ kind: "open", applianceId: "a1", startedAt: ago(2), criticalAt: null, disconnectedAt: null, tenant: "acme" }),
    ]);
  });

  it("changes nothing while the same failure continues and no threshold is crossed", () => {
    expect(planEpisodeChanges({ open: episode(ago(2)) }, sample({ failingSince: ago(2) }), CRITICAL, NOW)).toEqual([]);
  });

  it("closes at the proven send, not at the sample, so the time to recover is exact", () => {
    const provenAt = new Date(NOW.getTime() - 40 * 60_000);
    const changes = planEpisodeChanges({ open: episode(ago(3)) }, sample({ lastSuccessfulSendAt: provenAt }), CRITICAL, NOW);
    expect(changes).toEqual([{ kind: "close", id: "e1", endedAt: provenAt, endedBy: "send-proven" }]);
  });

  it("closes when the alert was seen gone, at that observation", () => {
    const seenAt = new Date(NOW.getTime() - 5 * 60_000);
    const changes = planEpisodeChanges({ open: episode(ago(3)) }, sample({ alertsObservedAt: seenAt }), CRITICAL, NOW);
    expect(changes).toEqual([{ kind: "close", id: "e1", endedAt: seenAt, endedBy: "alert-cleared" }]);
  });

  it("ignores a send older than the failure when closing", () => {
    const changes = planEpisodeChanges({ open: episode(ago(3)) }, sample({ lastSuccessfulSendAt: ago(10) }), CRITICAL, NOW);
    expect(changes).toEqual([{ kind: "close", id: "e1", endedAt: NOW, endedBy: "alert-cleared" }]);
  });

  it("moves the start back when earlier evidence of the same failure arrives", () => {
    const changes = planEpisodeChanges({ open: episode(ago(2)) }, sample({ failingSince: ago(4) }), CRITICAL, NOW);
    expect(changes).toEqual([expect.objectContaining({ kind: "update", id: "e1", startedAt: ago(4) })]);
  });

  it("closes the old episode and opens a new one when a later failure replaced it between samples", () => {
    const provenAt = ago(1.5);
    const changes = planEpisodeChanges(
      { open: episode(ago(5)) },
      sample({ failingSince: ago(1), lastSuccessfulSendAt: provenAt }),
      CRITICAL,
      NOW,
    );
    expect(changes).toEqual([
      { kind: "close", id: "e1", endedAt: provenAt, endedBy: "send-proven" },
      expect.objectContaining({ kind: "open", startedAt: ago(1) }),
    ]);
  });

  it("reopens the episode it closed when the same failure shows again", () => {
    const changes = planEpisodeChanges(
      { open: null, lastClosed: episode(ago(2), { id: "e0" }) },
      sample({ failingSince: ago(2) }),
      CRITICAL,
      NOW,
    );
    expect(changes).toEqual([expect.objectContaining({ kind: "reopen", id: "e0" })]);
  });

  it("closes the open episode of a removed appliance", () => {
    expect(planEpisodeChanges({ open: episode(ago(2)) }, null, CRITICAL, NOW)).toEqual([
      { kind: "close", id: "e1", endedAt: NOW, endedBy: "removed" },
    ]);
  });

  it("records a tenant change on the open episode", () => {
    const changes = planEpisodeChanges({ open: episode(ago(2)) }, sample({ failingSince: ago(2), tenant: "globex" }), CRITICAL, NOW);
    expect(changes).toEqual([expect.objectContaining({ kind: "update", tenant: "globex" })]);
  });
});

describe("thresholdsReached", () => {
  // Grace 15, critical 5: critical from 6 days before the disconnect (whole days left ≤ 5).
  it.each([
    ["failing 2 days", 2, "warning", null, null],
    ["failing 9 days exactly: 6 days left, not critical yet", 9, "warning", null, null],
    ["failing 9.5 days: 5 whole days left", 9.5, "critical", 9, null],
    ["failing 15 days: disconnected", 15, "disconnected", 9, 15],
    ["failing 20 days: disconnected 5 days ago", 20, "disconnected", 9, 15],
  ] as const)("%s", (_name, daysFailing, billingStatus, criticalAfterDays, disconnectedAfterDays) => {
    const startedAt = ago(daysFailing);
    const reached = thresholdsReached(
      { billingStatus, disconnectAt: new Date(startedAt.getTime() + GRACE * DAY) },
      startedAt,
      CRITICAL,
      NOW,
    );
    const after = (days: number | null) => (days === null ? null : new Date(startedAt.getTime() + days * DAY));
    expect(reached).toEqual({ criticalAt: after(criticalAfterDays), disconnectedAt: after(disconnectedAfterDays) });
  });

  it("dates a disconnection alert raised before the grace period ended at the sample", () => {
    const startedAt = ago(3);
    const reached = thresholdsReached({ billingStatus: "disconnected", disconnectAt: new Date(startedAt.getTime() + GRACE * DAY) }, startedAt, CRITICAL, NOW);
    expect(reached).toEqual({ criticalAt: NOW, disconnectedAt: NOW });
  });

  it("never dates a threshold before the failure began", () => {
    const startedAt = ago(1);
    // A short grace period set after the failure began: the deadline already passed.
    const reached = thresholdsReached({ billingStatus: "disconnected", disconnectAt: ago(2) }, startedAt, CRITICAL, NOW);
    expect(reached).toEqual({ criticalAt: startedAt, disconnectedAt: startedAt });
  });
});
