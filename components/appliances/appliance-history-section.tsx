import Link from "next/link";
import { ChartPollHistory } from "@/components/chart-poll-history";
import { ChartSendHistory } from "@/components/chart-send-history";
import { HISTORY_RANGES, type ApplianceHistory } from "@/lib/history/get-appliance-history";

/** Day-by-day poll and send charts over 7, 30 or 90 days. */
export function ApplianceHistorySection({ applianceId, history }: { applianceId: string; history: ApplianceHistory }) {
  return (
    <section aria-labelledby="charts-heading" className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 id="charts-heading" className="text-lg font-semibold">
          History
        </h2>
        <nav aria-label="Chart range" className="flex gap-1 print:hidden">
          {HISTORY_RANGES.map((days) => (
            <Link
              key={days}
              href={`/appliances/${applianceId}?range=${days}`}
              aria-current={history.range === days ? "true" : undefined}
              className={`rounded border px-2 py-0.5 text-sm ${history.range === days ? "border-blue-700 bg-blue-700 text-white" : "border-slate-400 bg-white text-slate-800"}`}
            >
              {days} days
            </Link>
          ))}
        </nav>
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="rounded border border-slate-300 bg-white p-3">
          <h3 className="text-sm font-semibold">Polls: success and latency</h3>
          <ChartPollHistory days={history.pollDays} />
        </div>
        <div className="rounded border border-slate-300 bg-white p-3">
          <h3 className="text-sm font-semibold">Send evidence: tests and hours failing</h3>
          <ChartSendHistory days={history.sendDays} />
        </div>
      </div>
    </section>
  );
}
