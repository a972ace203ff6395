import Link from "next/link";
import { PrintButton } from "@/components/print-button";
import { shiftPeriod } from "@/lib/history/compliance-period";
import type { BillingMonthReport } from "@/lib/history/get-billing-month-report";

const reportLink = (billing: string | undefined) => (billing ? `/compliance/report?billing=${billing}` : null);

/** Which billing month this is, when it was produced, and the neighbouring months (on screen only). */
export function ReportHeader({ monthly, now }: { monthly: BillingMonthReport; now: Date }) {
  const { period } = monthly.report;
  const previous = reportLink(shiftPeriod(period, -1, now)?.query.billing);
  const next = reportLink(shiftPeriod(period, 1, now)?.query.billing);
  return (
    <header className="space-y-2 border-b border-slate-300 pb-3">
      <nav aria-label="Billing months" className="flex flex-wrap items-center gap-3 text-sm print:hidden">
        <Link className="text-blue-800 underline" href={`/compliance?billing=${period.query.billing}`}>
          Back to compliance
        </Link>
        {previous ? (
          <Link className="text-blue-800 underline" href={previous}>
            ← Previous billing month
          </Link>
        ) : null}
        {next ? (
          <Link className="text-blue-800 underline" href={next}>
            Next billing month →
          </Link>
        ) : null}
        <span className="ml-auto">
          <PrintButton />
        </span>
      </nav>
      <h1 className="text-2xl font-semibold">Zerto billing connectivity: billing month report</h1>
      <p className="text-lg" data-testid="report-period">
        {period.from} to {period.to} (UTC) · billing day <strong>{monthly.billingDay}</strong>, when usage is uploaded for the invoice
      </p>
      <p className="text-sm text-slate-700">
        Production appliances only. Produced by Lifeline on {monthly.generatedAt.slice(0, 16).replace("T", " ")} UTC
        {period.partial ? `; the billing month is under way, figures up to ${period.through} so far` : ""}.
      </p>
    </header>
  );
}
