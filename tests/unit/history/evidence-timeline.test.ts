import { describe, expect, it } from "vitest";
import { buildEvidenceTimeline, type TimelinePoll } from "@/lib/history/evidence-timeline";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 22, 10, minute));
const poll = (minute: number, ok: boolean, billingAlertActive: boolean | null, error: string | null = null): TimelinePoll => ({
  at: at(minute),
  ok,
  error,
  billingAlertActive,
});

describe("buildEvidenceTimeline", () => {
  it("shows the alert turning on and off, a run of the same poll error once, and test results, newest first", () => {
    const events = buildEvidenceTimeline({
      polls: [
        poll(0, true, false),
        poll(5, true, true),
        poll(10, false, null, "connect ETIMEDOUT"),
        poll(15, false, null, "connect ETIMEDOUT"),
        poll(20, true, true),
        poll(25, true, false),
      ],
      transmissions: [{ requestedAt: at(21), requestedBy: "op@example.net", status: "passed", finishedAt: at(22), detail: null }],
      episodes: [{ startedAt: at(4), criticalAt: null, disconnectedAt: null, endedAt: at(22), endedBy: "send-proven" }],
      criticalDays: 5,
    });
    expect(events.map((event) => [event.at.slice(14, 16), event.kind])).toEqual([
      ["25", "alert-off"],
      ["22", "test-passed"],
      ["22", "recovered"],
      ["21", "test-requested"],
      ["20", "polls-recovered"],
      ["10", "poll-failed"],
      ["05", "alert-on"],
      ["04", "failing-started"],
    ]);
    expect(events.find((event) => event.kind === "poll-failed")).toMatchObject({ title: "Poll failed 2 times (to 10:15 UTC)", detail: "connect ETIMEDOUT" });
    expect(events.find((event) => event.kind === "recovered")?.detail).toBe("a successful send was proven");
  });

  it("keeps different errors apart and limits the length", () => {
    const polls = Array.from({ length: 30 }, (_, index) => poll(index, false, null, `error ${index % 2}`));
    const events = buildEvidenceTimeline({ polls, transmissions: [], episodes: [], criticalDays: 5 }, 10);
    expect(events).toHaveLength(10);
    expect(new Set(events.map((event) => event.detail))).toEqual(new Set(["error 0", "error 1"]));
  });

  it("shows the current failure before the history job has recorded its episode, and only once after", () => {
    const input = { polls: [], transmissions: [], criticalDays: 5, failingSince: at(3) };
    expect(buildEvidenceTimeline({ ...input, episodes: [] }).map((event) => event.kind)).toEqual(["failing-started"]);
    const recorded = { startedAt: at(3), criticalAt: null, disconnectedAt: null, endedAt: null, endedBy: null };
    expect(buildEvidenceTimeline({ ...input, episodes: [recorded] }).map((event) => event.kind)).toEqual(["failing-started"]);
  });

  it("reads the billing alert from a collector's heartbeats too, and says so", () => {
    const beat = (minute: number, billingAlertActive: boolean | null) => ({ at: at(minute), billingAlertActive });
    const events = buildEvidenceTimeline({
      polls: [poll(0, true, false)],
      heartbeats: { items: [beat(1, false), beat(2, true), beat(3, null), beat(4, true), beat(5, false)], staleAfterMs: 15 * 60_000, now: at(6) },
      transmissions: [],
      episodes: [],
      criticalDays: 5,
    });
    expect(events.map((event) => [event.at.slice(14, 16), event.kind, event.detail])).toEqual([
      ["05", "alert-off", "reported by a collector"],
      ["02", "alert-on", "reported by a collector"],
    ]);
  });

  it.each([
    { name: "steady heartbeats", minutes: [0, 5, 10, 15], now: 20, expected: [] },
    { name: "exactly the limit apart", minutes: [0, 15, 30], now: 45, expected: [] },
    {
      name: "a gap in the middle",
      minutes: [0, 5, 40, 45],
      now: 50,
      expected: [
        ["40", "heartbeats-resumed", "after 35 min without"],
        ["20", "heartbeats-stopped", "none since 2026-11-22 10:05 UTC"],
      ],
    },
    { name: "silence since the last one", minutes: [0, 5], now: 59, expected: [["20", "heartbeats-stopped", "none since 2026-11-22 10:05 UTC"]] },
  ])("marks gaps longer than the staleness limit: $name", ({ minutes, now, expected }) => {
    const events = buildEvidenceTimeline({
      polls: [],
      heartbeats: { items: minutes.map((minute) => ({ at: at(minute), billingAlertActive: false })), staleAfterMs: 15 * 60_000, now: at(now) },
      transmissions: [],
      episodes: [],
      criticalDays: 5,
    });
    expect(events.map((event) => [event.at.slice(14, 16), event.kind, event.detail])).toEqual(expected);
  });
});
