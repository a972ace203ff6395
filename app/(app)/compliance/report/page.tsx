import { notFound } from "next/navigation";
import { DataTable } from "@/components/data-table";
import { DemoBanner } from "@/components/compliance/demo-banner";
import { ReportHeader } from "@/components/compliance/report/report-header";
import { ReportSummary } from "@/components/compliance/report/report-summary";
import { requirePageActor } from "@/lib/auth/page-guard";
import { ValidationError } from "@/lib/errors";
import { billingReportTable } from "@/lib/history/billing-report-table";
import { tenantTable } from "@/lib/history/compliance-tables";
import { getBillingMonthReport } from "@/lib/history/get-billing-month-report";
import { firstValues } from "@/lib/http/search-params";

export const metadata = { title: "Billing month report" };

/** One billing month on paper, to hold against the usage report Zerto e-mails on the 3rd. */
export default async function BillingMonthReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { db, actor } = await requirePageActor("viewer");
  const now = new Date();
  const monthly = await getBillingMonthReport(db, actor, firstValues(await searchParams), now).catch((error: unknown) => {
    if (error instanceof ValidationError) notFound();
    throw error;
  });
  return (
    <article className="mx-auto max-w-6xl space-y-5 bg-white p-6 print:max-w-none print:p-0" data-testid="billing-report">
      <ReportHeader monthly={monthly} now={now} />
      <DemoBanner demo={monthly.report.demo} />
      <ReportSummary monthly={monthly} />
      <section aria-labelledby="report-tenants" className="space-y-1 break-inside-avoid">
        <h2 id="report-tenants" className="text-lg font-semibold">
          By tenant
        </h2>
        <DataTable model={tenantTable(monthly.report)} empty="No tenant recorded in this billing month." />
      </section>
      <section aria-labelledby="report-appliances" className="space-y-1">
        <h2 id="report-appliances" className="text-lg font-semibold">
          Appliances, tenant by tenant
        </h2>
        <p className="text-sm text-slate-700">
          An appliance that was not sending on the billing day may be missing from Zerto&apos;s usage report, or be billed from
          older data: check its sites there.
        </p>
        <DataTable model={billingReportTable(monthly)} empty="No production appliance recorded in this billing month." />
      </section>
    </article>
  );
}
