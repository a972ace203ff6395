import { formatPercent } from "@/lib/format/number-format";
import type { BillingCalendar } from "@/lib/history/compliance-view";

const tone = (share: number | null) =>
  share === null ? "bg-slate-50 text-slate-600" : share >= 0.999 ? "bg-green-50" : share >= 0.95 ? "bg-amber-50" : "bg-red-50";

/** The billing month under way, day by day, up to its billing day. */
export function BillingCalendarSection({ calendar }: { calendar: BillingCalendar }) {
  return (
    <section aria-labelledby="month-heading" className="space-y-2 break-inside-avoid">
      <h2 id="month-heading" className="text-lg font-semibold">
        This billing month: {calendar.from} to the billing day {calendar.billingDay}
      </h2>
      <ol className="grid grid-cols-4 gap-1 sm:grid-cols-7 lg:grid-cols-11" data-testid="billing-month-calendar">
        {calendar.days.map((day) => (
          <li
            key={day.day}
            className={`rounded border p-1.5 text-xs ${day.billingDay ? "border-blue-700 ring-2 ring-blue-600" : "border-slate-300"} ${tone(day.share)}`}
          >
            <div className="font-semibold">
              {day.day.slice(5)}
              {day.billingDay ? " · billing day" : ""}
            </div>
            <div className="tabular-nums">{day.state === "recorded" ? formatPercent(day.share) : day.state === "to-come" ? "to come" : "no data"}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}
