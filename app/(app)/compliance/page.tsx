import { BillingCalendarSection } from "@/components/compliance/billing-month-section";
import { BillingDaySection } from "@/components/compliance/billing-day-section";
import { ComplianceFigures } from "@/components/compliance/compliance-figures";
import { ComplianceHeader } from "@/components/compliance/compliance-header";
import { DemoBanner } from "@/components/compliance/demo-banner";
import { PeriodPicker } from "@/components/compliance/period-picker";
import { ShareChartSection } from "@/components/compliance/share-chart-section";
import { ApplianceFilterLinks, TableSection } from "@/components/compliance/table-section";
import { WorkerBanner } from "@/components/worker-banner";
import { requirePageActor } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";
import { getBillingDayReadiness } from "@/lib/fleet/get-billing-day-readiness";
import { getFleetFreshness } from "@/lib/fleet/get-fleet-freshness";
import { applianceTable, dailyTable, monthTable, regionTable, tenantTable } from "@/lib/history/compliance-tables";
import { chartDays, csvHref, periodLinks, totalFigures } from "@/lib/history/compliance-view";
import { getBillingCalendar, listBillingMonths } from "@/lib/history/get-billing-months";
import { readComplianceReport } from "@/lib/history/read-compliance-report";
import { billingDayTestsAction } from "./actions";

export const metadata = { title: "Compliance" };

type Params = Record<string, string | string[] | undefined>;

export default async function CompliancePage({ searchParams }: { searchParams: Promise<Params> }) {
  const { db, actor } = await requirePageActor("viewer");
  const now = new Date();
  const [{ report, problem }, months, calendar, readiness, freshness] = await Promise.all([
    readComplianceReport(db, actor, await searchParams, now),
    listBillingMonths(db, actor, now),
    getBillingCalendar(db, actor, now),
    getBillingDayReadiness(db, actor, now),
    getFleetFreshness(db, actor, now),
  ]);
  const filter = report.applianceFilter;
  return (
    <div className="space-y-6">
      <ComplianceHeader report={report} problem={problem} />
      <PeriodPicker period={report.period} links={periodLinks(report.period, now, { appliances: filter === "all" ? "all" : undefined })} filter={filter} />
      <WorkerBanner freshness={freshness} now={now} />
      <DemoBanner demo={report.demo} />
      <ComplianceFigures figures={totalFigures(report)} />
      <ShareChartSection days={chartDays(report)} />
      <TableSection model={tenantTable(report)} csvHref={csvHref("tenants", report)} empty="No tenants recorded in this period." />
      <TableSection model={regionTable(report)} csvHref={csvHref("regions", report)} empty="No regions recorded in this period." />
      <TableSection
        model={applianceTable(report)}
        csvHref={csvHref("appliances", report)}
        empty={`All ${report.appliancesRecorded} production appliances were compliant every day they had to send.`}
        note={applianceNote(report.appliancesRecorded, report.applianceDaysFrom)}
      >
        <ApplianceFilterLinks report={report} />
      </TableSection>
      <TableSection model={dailyTable(report)} csvHref={csvHref("daily", report)} empty="No day recorded in this period." />
      <BillingCalendarSection calendar={calendar} />
      <TableSection
        model={monthTable(months)}
        csvHref={csvHref("months", report)}
        empty="No billing month recorded yet."
        note="Usage is uploaded on the 3rd; each billing month runs from the 4th to the next 3rd, billing day included. Each links to its printable report."
      />
      <BillingDaySection readiness={readiness} testAction={hasRole(actor, "operator") ? billingDayTestsAction : null} />
    </div>
  );
}

function applianceNote(recorded: number, keptFrom: string | null): string {
  const counted = `${recorded} production appliances have data in this period; each counts from its first data, not its registration.`;
  return keptFrom ? `${counted} Per-appliance days are kept from ${keptFrom}; failure events for longer.` : counted;
}
