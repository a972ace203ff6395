import { displayCell } from "@/lib/history/compliance-tables";
import { meanOf } from "@/lib/history/compliance-math";
import { shareOf } from "@/lib/format/number-format";
import type { BillingMonthReport } from "@/lib/history/get-billing-month-report";

/** The month's headline figures, the billing day's first. */
export function ReportSummary({ monthly }: { monthly: BillingMonthReport }) {
  const { totals } = monthly.report;
  const day = monthly.onBillingDay;
  const figures: [string, string, string?][] = [
    [
      "Sending on the billing day",
      !monthly.billingDayReached ? "to come" : day ? `${day.sending} of ${day.mustSend} (${displayCell("share", shareOf(day.sending, day.mustSend))})` : "not recorded",
      "report-billing-day",
    ],
    ["Compliant appliance-days", `${displayCell("share", shareOf(totals.compliant, totals.mustSend))} (${totals.compliant} of ${totals.mustSend})`, "report-share"],
    ["Time failing", displayCell("minutes", totals.minutesFailing)],
    ["Near-disconnects", String(totals.nearDisconnects)],
    ["Disconnects", String(totals.disconnects)],
    ["Mean time to recover", displayCell("minutes", meanOf(totals.recoveryMinutes, totals.recoveries))],
  ];
  return (
    <section aria-label="Summary" className="grid grid-cols-2 gap-2 md:grid-cols-3 print:grid-cols-3">
      {figures.map(([label, value, testId]) => (
        <div key={label} className="rounded border border-slate-300 p-2" data-testid={testId}>
          <div className="text-xs font-medium text-slate-700">{label}</div>
          <div className="text-xl font-semibold tabular-nums">{value}</div>
        </div>
      ))}
    </section>
  );
}
