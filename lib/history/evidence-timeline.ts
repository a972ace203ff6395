// Pure: an appliance's evidence as one timeline, newest first: billing alert on
// and off as polls or a collector's heartbeats saw it, test transmissions, poll
// failures (a run of the same error is one entry), gaps in heartbeats, and the
// failure episodes the history job recorded.

export type TimelineTone = "good" | "bad" | "neutral";

export interface TimelineEvent {
  at: string;
  kind:
    | "alert-on"
    | "alert-off"
    | "test-requested"
    | "test-passed"
    | "test-failed"
    | "poll-failed"
    | "polls-recovered"
    | "heartbeats-stopped"
    | "heartbeats-resumed"
    | "failing-started"
    | "critical-reached"
    | "disconnect-reached"
    | "recovered";
  title: string;
  detail: string | null;
  tone: TimelineTone;
}

export interface TimelinePoll {
  at: Date;
  ok: boolean;
  error: string | null;
  billingAlertActive: boolean | null;
}

export interface TimelineHeartbeat {
  /** When the collector read the ZVM. */
  at: Date;
  billingAlertActive: boolean | null;
}

export interface TimelineTransmission {
  requestedAt: Date;
  requestedBy: string;
  status: "pending" | "running" | "passed" | "failed" | "error";
  finishedAt: Date | null;
  detail: string | null;
}

export interface TimelineEpisode {
  startedAt: Date;
  criticalAt: Date | null;
  disconnectedAt: Date | null;
  endedAt: Date | null;
  endedBy: string | null;
}

const ENDED_BY: Record<string, string> = {
  "send-proven": "a successful send was proven",
  "alert-cleared": "the ZVM's billing alert cleared",
  superseded: "a new failure began",
  removed: "the appliance was removed",
};

type Observation = TimelinePoll & { byCollector: boolean };

function observationEvents(polls: readonly TimelinePoll[], heartbeats: readonly TimelineHeartbeat[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  const ordered: Observation[] = [
    ...polls.map((poll) => ({ ...poll, byCollector: false })),
    ...heartbeats.map((beat) => ({ at: beat.at, ok: true, error: null, billingAlertActive: beat.billingAlertActive, byCollector: true })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  let alert: boolean | null = null;
  type FailureRun = { first: Observation; last: Observation; count: number };
  let failures: FailureRun | null = null as FailureRun | null;
  const flush = () => {
    if (!failures) return;
    const { first, last, count } = failures;
    events.push({
      at: first.at.toISOString(),
      kind: "poll-failed",
      title: count === 1 ? "Poll failed" : `Poll failed ${count} times (to ${last.at.toISOString().slice(11, 16)} UTC)`,
      detail: first.error,
      tone: "bad",
    });
    failures = null;
  };
  for (const poll of ordered) {
    if (!poll.ok) {
      const run: FailureRun | null = failures;
      if (run && run.first.error === poll.error) failures = { first: run.first, last: poll, count: run.count + 1 };
      else {
        flush();
        failures = { first: poll, last: poll, count: 1 };
      }
      continue;
    }
    if (failures) {
      flush();
      events.push({ at: poll.at.toISOString(), kind: "polls-recovered", title: "Polls succeed again", detail: null, tone: "good" });
    }
    if (poll.billingAlertActive !== null) {
      if (alert !== null && poll.billingAlertActive !== alert) {
        const detail = poll.byCollector ? "reported by a collector" : null;
        events.push(
          poll.billingAlertActive
            ? { at: poll.at.toISOString(), kind: "alert-on", title: "Billing alert seen on the ZVM", detail, tone: "bad" }
            : { at: poll.at.toISOString(), kind: "alert-off", title: "Billing alert gone from the ZVM", detail, tone: "good" },
        );
      }
      alert = poll.billingAlertActive;
    }
  }
  flush();
  return events;
}

function formatGap(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/** A silence longer than the staleness limit between two heartbeats, or since the last one. */
function heartbeatGapEvents(heartbeats: readonly TimelineHeartbeat[], staleAfterMs: number, now: Date): TimelineEvent[] {
  const times = heartbeats.map((beat) => beat.at.getTime()).sort((a, b) => a - b);
  const events: TimelineEvent[] = [];
  times.forEach((at, index) => {
    const next = index + 1 < times.length ? times[index + 1] : null;
    const until = next ?? now.getTime();
    if (until - at <= staleAfterMs) return;
    events.push({
      at: new Date(at + staleAfterMs).toISOString(),
      kind: "heartbeats-stopped",
      title: "Heartbeats stopped",
      detail: `none since ${new Date(at).toISOString().slice(0, 16).replace("T", " ")} UTC`,
      tone: "bad",
    });
    if (next !== null) {
      events.push({ at: new Date(next).toISOString(), kind: "heartbeats-resumed", title: "Heartbeats again", detail: `after ${formatGap(next - at)} without`, tone: "good" });
    }
  });
  return events;
}

function transmissionEvents(transmissions: readonly TimelineTransmission[]): TimelineEvent[] {
  return transmissions.flatMap((test): TimelineEvent[] => {
    const requested: TimelineEvent = {
      at: test.requestedAt.toISOString(),
      kind: "test-requested",
      title: `Test transmission requested by ${test.requestedBy}`,
      detail: null,
      tone: "neutral",
    };
    if (!test.finishedAt || (test.status !== "passed" && test.status !== "failed" && test.status !== "error")) return [requested];
    const passed = test.status === "passed";
    return [
      requested,
      {
        at: test.finishedAt.toISOString(),
        kind: passed ? "test-passed" : "test-failed",
        title: passed ? "Test transmission passed: send proven" : test.status === "error" ? "Test transmission could not run" : "Test transmission failed",
        detail: test.detail,
        tone: passed ? "good" : "bad",
      },
    ];
  });
}

function episodeEvents(episodes: readonly TimelineEpisode[], criticalDays: number): TimelineEvent[] {
  return episodes.flatMap((episode) => {
    const events: TimelineEvent[] = [
      { at: episode.startedAt.toISOString(), kind: "failing-started", title: "Usage not sent since", detail: null, tone: "bad" },
    ];
    if (episode.criticalAt) {
      events.push({
        at: episode.criticalAt.toISOString(),
        kind: "critical-reached",
        title: `${criticalDays} or fewer days left before VRA disconnect`,
        detail: null,
        tone: "bad",
      });
    }
    if (episode.disconnectedAt) {
      events.push({ at: episode.disconnectedAt.toISOString(), kind: "disconnect-reached", title: "VRA disconnect reached", detail: null, tone: "bad" });
    }
    if (episode.endedAt) {
      events.push({
        at: episode.endedAt.toISOString(),
        kind: "recovered",
        title: "Failure ended",
        detail: episode.endedBy ? (ENDED_BY[episode.endedBy] ?? episode.endedBy) : null,
        tone: "good",
      });
    }
    return events;
  });
}

export function buildEvidenceTimeline(
  input: {
    polls: readonly TimelinePoll[];
    /** A reporting appliance's heartbeats, with how long a silence may last before it is stale. */
    heartbeats?: { items: readonly TimelineHeartbeat[]; staleAfterMs: number; now: Date };
    transmissions: readonly TimelineTransmission[];
    episodes: readonly TimelineEpisode[];
    criticalDays: number;
    /** The appliance's failingSince now: shown even before the history job has recorded its episode. */
    failingSince?: Date | null;
  },
  limit = 50,
): TimelineEvent[] {
  const failingSince = input.failingSince ?? null;
  const recorded = failingSince !== null && input.episodes.some((episode) => episode.startedAt.getTime() === failingSince.getTime());
  const current = failingSince && !recorded ? [{ startedAt: failingSince, criticalAt: null, disconnectedAt: null, endedAt: null, endedBy: null }] : [];
  return [
    ...observationEvents(input.polls, input.heartbeats?.items ?? []),
    ...(input.heartbeats ? heartbeatGapEvents(input.heartbeats.items, input.heartbeats.staleAfterMs, input.heartbeats.now) : []),
    ...transmissionEvents(input.transmissions),
    ...episodeEvents([...input.episodes, ...current], input.criticalDays),
  ]
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, limit);
}
