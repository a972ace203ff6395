import Link from "next/link";
import type { CompliancePeriod } from "@/lib/history/compliance-period";
import type { PeriodLink } from "@/lib/history/compliance-view";

const inputClass = "mt-1 block rounded border border-slate-400 bg-white px-2 py-1 text-sm";
const buttonClass = "rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white";

/** Quick links to the usual periods, and forms for a calendar month, a billing month or any range of days. */
export function PeriodPicker({ period, links, filter }: { period: CompliancePeriod; links: PeriodLink[]; filter: string }) {
  return (
    <section aria-label="Period" className="space-y-3 rounded border border-slate-300 bg-white p-3 print:hidden">
      <nav aria-label="Periods" className="flex flex-wrap gap-1">
        {links.map((link) => (
          <Link
            key={link.href}
            href={link.href}
            aria-current={link.current ? "true" : undefined}
            className={`rounded border px-2.5 py-1 text-sm ${link.current ? "border-blue-700 bg-blue-700 text-white" : "border-slate-400 bg-white text-slate-800"}`}
          >
            {link.label}
          </Link>
        ))}
      </nav>
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <form action="/compliance" className="flex items-end gap-2" aria-label="Calendar month">
          <label className="text-sm font-medium">
            Calendar month
            <input type="month" name="month" required defaultValue={period.query.month} className={inputClass} />
          </label>
          <input type="hidden" name="appliances" value={filter} />
          <button type="submit" className={buttonClass}>
            Show month
          </button>
        </form>
        <form action="/compliance" className="flex items-end gap-2" aria-label="Billing month">
          <label className="text-sm font-medium">
            Billing month ending on the 3rd of
            <input type="month" name="billing" required defaultValue={period.query.billing} className={inputClass} />
          </label>
          <input type="hidden" name="appliances" value={filter} />
          <button type="submit" className={buttonClass}>
            Show billing month
          </button>
        </form>
        <form action="/compliance" className="flex items-end gap-2" aria-label="Custom range">
          <label className="text-sm font-medium">
            From
            <input type="date" name="from" required defaultValue={period.query.from} className={inputClass} />
          </label>
          <label className="text-sm font-medium">
            To
            <input type="date" name="to" required defaultValue={period.query.to} className={inputClass} />
          </label>
          <input type="hidden" name="appliances" value={filter} />
          <button type="submit" className={buttonClass}>
            Show range
          </button>
        </form>
      </div>
    </section>
  );
}
