import Link from "next/link";
import { Countdown } from "@/components/countdown";
import type { FleetSummary } from "@/lib/appliances/fleet-summary";
import { utcMinuteText } from "@/lib/fleet/fleet-page-view";
import { formatPercent, shareOf } from "@/lib/format/number-format";

/** The next VRA disconnect counting down, and the share of production appliances compliant now. */
export function FleetHeadlineSection({ summary }: { summary: FleetSummary }) {
  const compliantShare = shareOf(summary.productionCompliant.ok, summary.productionCompliant.of);
  return (
    <section aria-label="Headline" className="grid gap-2 md:grid-cols-2">
      <div className="rounded border border-slate-300 bg-white p-3" data-testid="next-disconnect">
        <div className="text-xs font-medium text-slate-700">Next VRA disconnect</div>
        {summary.nextDisconnect ? (
          <div className="mt-1 flex flex-wrap items-baseline gap-x-3">
            <Countdown to={summary.nextDisconnect.disconnectAt} className="text-2xl font-semibold" />
            <Link className="font-medium text-blue-800 underline" href={`/appliances/${summary.nextDisconnect.applianceId}`}>
              {summary.nextDisconnect.name}
            </Link>
            <span className="text-sm text-slate-600">at {utcMinuteText(summary.nextDisconnect.disconnectAt)} UTC</span>
          </div>
        ) : (
          <p className="mt-1 text-lg">No appliance is counting down to a disconnect.</p>
        )}
      </div>
      <div className="rounded border border-slate-300 bg-white p-3" data-testid="production-compliant">
        <div className="text-xs font-medium text-slate-700">Production appliances compliant now</div>
        <div className="mt-1 flex items-baseline gap-3">
          <span className="text-2xl font-semibold tabular-nums">{formatPercent(compliantShare)}</span>
          <span className="text-sm text-slate-700">
            {summary.productionCompliant.ok} of {summary.productionCompliant.of} that must send are OK
          </span>
          <Link className="ml-auto text-sm text-blue-800 underline" href="/compliance">
            History
          </Link>
        </div>
      </div>
    </section>
  );
}
