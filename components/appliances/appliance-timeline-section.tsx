import { TimeAgo } from "@/components/time-ago";
import { utcMinuteText } from "@/lib/fleet/fleet-page-view";
import type { TimelineEvent } from "@/lib/history/evidence-timeline";

const TONE = {
  good: { symbol: "✓", className: "text-green-800" },
  bad: { symbol: "✕", className: "text-red-800" },
  neutral: { symbol: "•", className: "text-slate-700" },
} as const;

/** Every proof of sending or failing, newest first. */
export function ApplianceTimelineSection({ timeline, now }: { timeline: TimelineEvent[]; now: Date }) {
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" className="text-lg font-semibold">
        Evidence timeline
      </h2>
      {timeline.length === 0 ? (
        <p className="mt-1 text-sm text-slate-700">No evidence recorded yet: the first poll or test transmission will appear here.</p>
      ) : (
        <ol className="mt-2 space-y-1 border-l-2 border-slate-300 pl-4 text-sm" data-testid="timeline">
          {timeline.map((event, index) => {
            const tone = TONE[event.tone];
            return (
              <li key={`${event.at}-${event.kind}-${index}`} data-kind={event.kind}>
                <span className={`font-semibold ${tone.className}`}>
                  <span aria-hidden="true">{tone.symbol} </span>
                  {event.title}
                </span>{" "}
                <span className="text-slate-600">
                  {utcMinuteText(event.at)} UTC (<TimeAgo at={event.at} now={now} />)
                </span>
                {event.detail ? <span className="block text-xs text-slate-700">{event.detail}</span> : null}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
