import Link from "next/link";
import { PrintButton } from "@/components/print-button";
import type { ComplianceReport } from "@/lib/history/get-compliance-report";

/** The page title with the period it answers for, and what the figures mean. */
export function ComplianceHeader({ report, problem }: { report: ComplianceReport; problem: string | null }) {
  const { period } = report;
  return (
    <>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Compliance</h1>
        <p className="text-lg font-medium" data-testid="period-label">
          {period.label}
        </p>
        <span className="text-sm text-slate-700">
          {period.from} to {period.to} (UTC){period.partial ? `, figures up to today ${period.through} so far` : ""}
        </span>
        <span className="ml-auto flex gap-2">
          {period.billingDay ? (
            <Link href={`/compliance/report?billing=${period.billingDay.slice(0, 7)}`} className="rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 print:hidden">
              Printable report
            </Link>
          ) : null}
          <PrintButton />
        </span>
      </div>
      {problem ? (
        <p role="alert" className="rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {problem}
        </p>
      ) : null}
      <p className="max-w-4xl text-sm text-slate-700">
        Production appliances only. An appliance is compliant on a UTC day when it was OK all day, counted from its first data
        (exempt licences are left out); today counts as compliant so far. The history is sampled by the worker every minute and kept
        through restarts. Near-disconnects are failures that came within {report.criticalDays} days of the VRA disconnect.
      </p>
    </>
  );
}
