import { TimeAgo } from "@/components/time-ago";
import { heartbeatDetailText, pollDetailText } from "@/lib/appliances/appliance-page-view";
import type { RecentHeartbeat } from "@/lib/heartbeats/list-recent-heartbeats";

/** A reporting appliance's latest heartbeats, with the collector that sent each. */
export function ApplianceHeartbeatsSection({ heartbeats, now }: { heartbeats: RecentHeartbeat[]; now: Date }) {
  return (
    <section>
      <h2 className="text-lg font-semibold">Recent heartbeats</h2>
      {heartbeats.length === 0 ? <p className="mt-1 text-sm text-slate-700">None yet: is the collector running?</p> : null}
      <ul className="mt-2 text-sm" data-testid="recent-heartbeats">
        {heartbeats.map((beat) => (
          <li key={beat.observedAt.toISOString()}>
            read <TimeAgo at={beat.observedAt.toISOString()} now={now} /> · {heartbeatDetailText(beat)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The appliance's latest polls: when, whether each succeeded, how long it took. */
export function AppliancePollsSection({ polls, now }: { polls: { id: bigint | number | string; at: Date; ok: boolean; error: string | null; durationMs: number }[]; now: Date }) {
  return (
    <section>
      <h2 className="text-lg font-semibold">Recent polls</h2>
      {polls.length === 0 ? <p className="mt-1 text-sm text-slate-700">None yet.</p> : null}
      <ul className="mt-2 text-sm">
        {polls.map((poll) => (
          <li key={String(poll.id)}>
            <TimeAgo at={poll.at.toISOString()} now={now} /> · {pollDetailText(poll)}
          </li>
        ))}
      </ul>
    </section>
  );
}
