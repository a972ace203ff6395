import { ChartComplianceShare } from "@/components/chart-compliance-share";
import type { ChartDay } from "@/lib/history/compliance-view";

/** The chart of the period's days, with how many of them have history. */
export function ShareChartSection({ days }: { days: ChartDay[] }) {
  const recorded = days.filter((day) => day.recorded).length;
  return (
    <section aria-labelledby="chart-heading" className="rounded border border-slate-300 bg-white p-3 break-inside-avoid">
      <h2 id="chart-heading" className="text-lg font-semibold">
        Production appliances compliant per day
      </h2>
      <p className="text-sm text-slate-700">
        {recorded} of {days.length} days recorded; gaps are days without history. Today counts as compliant so far.
      </p>
      <ChartComplianceShare days={days} />
    </section>
  );
}
