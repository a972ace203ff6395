import Link from "next/link";
import { BulkTestButton } from "@/components/bulk-test";
import { ChartComplianceShare } from "@/components/chart-compliance-share";
import { Countdown } from "@/components/countdown";
import { DataTable } from "@/components/data-table";
import { PrintButton } from "@/components/print-button";
import { StatusBadge } from "@/components/status-badge";
import { WorkerBanner } from "@/components/worker-banner";
import { requirePageActor } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";
import { ValidationError } from "@/lib/errors";
import { BILLING_DAY_COLUMNS, billingDayRows } from "@/lib/fleet/billing-day-table";
import { getBillingDayReadiness } from "@/lib/fleet/get-billing-day-readiness";
import { getFleetFreshness } from "@/lib/fleet/get-fleet-freshness";
import { addUtcDays, billingDayOf, billingMonthStart, dayKey, meanOf, shareOf, utcDayStart } from "@/lib/history/compliance-math";
import { dailyTable, formatMinutes, formatShare, monthTable, regionTable, tenantTable, type TableModel } from "@/lib/history/compliance-tables";
import { COMPLIANCE_RANGES, getComplianceReport } from "@/lib/history/get-compliance-report";
import { billingDayTestsAction } from "./actions";

export const metadata = { title: "Compliance" };

function TableSection({ model, days, empty, note }: { model: TableModel; days: number; empty: string; note?: string }) {
  return (
    <section aria-labelledby={`heading-${model.id}`} className="space-y-2 break-inside-avoid">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`heading-${model.id}`} className="text-lg font-semibold">
          {model.title}
        </h2>
        <a
          href={`/api/v1/compliance/export?table=${model.id}&days=${days}`}
          download
          className="rounded border border-slate-400 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-50 print:hidden"
          data-testid={`csv-${model.id}`}
        >
          Download CSV
        </a>
      </div>
      {note ? <p className="text-sm text-slate-700">{note}</p> : null}
      <div className="rounded border border-slate-300 bg-white">
        <DataTable model={model} empty={empty} />
      </div>
    </section>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded border border-slate-300 bg-white p-3" data-testid={testId}>
      <div className="text-xs font-medium text-slate-700">{label}</div>
      <div className="text-2xl font-semibold tabular-nums">{value}</div>
    </div>
  );
}

export default async function CompliancePage({ searchParams }: { searchParams: Promise<{ days?: string }> }) {
  const { db, actor } = await requirePageActor("viewer");
  const params = await searchParams;
  const now = new Date();
  const [report, readiness, freshness] = await Promise.all([
    getComplianceReport(db, actor, { days: params.days }, now).catch((error: unknown) => {
      if (error instanceof ValidationError) return getComplianceReport(db, actor, {}, now);
      throw error;
    }),
    getBillingDayReadiness(db, actor, now),
    getFleetFreshness(db, actor, now),
  ]);
  const recordedDays = report.daily.filter((day) => day.recorded).length;
  const chartDays = report.daily.map((day) => ({
    day: day.day,
    share: day.recorded && day.mustSend > 0 ? Math.round((day.compliant / day.mustSend) * 1000) / 10 : null,
    compliant: day.compliant,
    mustSend: day.mustSend,
  }));
  const byDay = new Map(report.daily.map((day) => [day.day, day]));
  const billingDay = billingDayOf(utcDayStart(now));
  const monthStart = billingMonthStart(billingDay);
  const calendar = Array.from({ length: Math.round((billingDay.getTime() - monthStart.getTime()) / 86_400_000) + 1 }, (_, index) =>
    dayKey(addUtcDays(monthStart, index)),
  );
  const operator = hasRole(actor, "operator");
  const period = `${report.from} to ${report.to} (UTC)`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">Compliance</h1>
        <nav aria-label="Range" className="flex gap-1 print:hidden">
          {COMPLIANCE_RANGES.map((days) => (
            <Link
              key={days}
              href={`/compliance?days=${days}`}
              aria-current={report.days === days ? "true" : undefined}
              className={`rounded border px-2.5 py-1 text-sm ${report.days === days ? "border-blue-700 bg-blue-700 text-white" : "border-slate-400 bg-white text-slate-800"}`}
            >
              {days} days
            </Link>
          ))}
        </nav>
        <span className="text-sm text-slate-700">{period}</span>
        <span className="ml-auto">
          <PrintButton />
        </span>
      </div>
      <WorkerBanner freshness={freshness} now={now} />
      <p className="max-w-4xl text-sm text-slate-700">
        Production appliances only. An appliance is compliant on a UTC day when it was OK all day (exempt licences are left
        out); the history is sampled by the worker every minute and kept through restarts. Near-disconnects are failures that
        came within {report.criticalDays} days of the VRA disconnect.
      </p>

      {recordedDays === 0 ? (
        <p role="status" className="rounded border border-slate-300 bg-white p-4">
          No history recorded in this range yet. The worker records it every minute once appliances are registered; the first
          figures appear within a minute of it running.
        </p>
      ) : null}

      <section aria-label="Totals for the range" className="grid grid-cols-2 gap-2 md:grid-cols-3 xl:grid-cols-6">
        <Figure label="Compliant (appliance-days)" value={formatShare(shareOf(report.totals.compliant, report.totals.mustSend))} testId="figure-share" />
        <Figure label="Time failing" value={formatMinutes(report.totals.minutesFailing)} />
        <Figure label="Near-disconnects" value={String(report.totals.nearDisconnects)} />
        <Figure label="Disconnects" value={String(report.totals.disconnects)} />
        <Figure label="Recoveries" value={String(report.totals.recoveries)} />
        <Figure label="Mean time to recover" value={formatMinutes(meanOf(report.totals.recoveryMinutes, report.totals.recoveries))} />
      </section>

      <section aria-labelledby="chart-heading" className="rounded border border-slate-300 bg-white p-3 break-inside-avoid">
        <h2 id="chart-heading" className="text-lg font-semibold">
          Production appliances compliant per day
        </h2>
        <p className="text-sm text-slate-700">
          {recordedDays} of {report.days} days recorded; gaps are days without history.
        </p>
        <ChartComplianceShare days={chartDays} />
      </section>

      <TableSection model={tenantTable(report)} days={report.days} empty="No tenants recorded in this range." />
      <TableSection model={regionTable(report)} days={report.days} empty="No regions recorded in this range." />

      <section aria-labelledby="month-heading" className="space-y-2 break-inside-avoid">
        <h2 id="month-heading" className="text-lg font-semibold">
          This billing month: {dayKey(monthStart)} to the billing day {dayKey(billingDay)}
        </h2>
        <ol className="grid grid-cols-4 gap-1 sm:grid-cols-7 lg:grid-cols-11" data-testid="billing-month-calendar">
          {calendar.map((key) => {
            const day = byDay.get(key);
            const share = day?.recorded ? shareOf(day.compliant, day.mustSend) : null;
            const isBillingDay = key === dayKey(billingDay);
            return (
              <li
                key={key}
                className={`rounded border p-1.5 text-xs ${isBillingDay ? "border-blue-700 ring-2 ring-blue-600" : "border-slate-300"} ${
                  share === null ? "bg-slate-50 text-slate-600" : share >= 0.999 ? "bg-green-50" : share >= 0.95 ? "bg-amber-50" : "bg-red-50"
                }`}
              >
                <div className="font-semibold">
                  {key.slice(5)}
                  {isBillingDay ? " · billing day" : ""}
                </div>
                <div className="tabular-nums">{day?.recorded ? formatShare(share) : key > dayKey(now) ? "to come" : "no data"}</div>
              </li>
            );
          })}
        </ol>
      </section>

      <TableSection
        model={monthTable(report)}
        days={report.days}
        empty="No billing month recorded in this range."
        note="Usage is uploaded on the 3rd; each billing month runs from the 4th to the next 3rd, billing day included."
      />

      <section aria-labelledby="billing-day-heading" className="space-y-2 rounded border border-slate-300 bg-white p-3 break-inside-avoid" data-testid="billing-day-panel">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="billing-day-heading" className="text-lg font-semibold">
            Billing-day readiness: {readiness.billingDay.slice(0, 10)}
          </h2>
          <a href="/api/v1/compliance/billing-day?format=csv" download className="rounded border border-slate-400 bg-white px-3 py-1 text-sm font-medium hover:bg-slate-50 print:hidden">
            Download CSV
          </a>
        </div>
        <p className="text-sm">
          Upload starts in <Countdown to={readiness.billingDay} className="font-semibold" />.{" "}
          <strong data-testid="billing-day-at-risk">{readiness.atRisk}</strong> of {readiness.sending} appliances that send usage have
          no proof of a successful send in the last 24 hours.
        </p>
        {operator && readiness.atRisk > 0 ? (
          <BulkTestButton action={billingDayTestsAction} label={`Test transmission on all ${readiness.atRisk} at risk`} />
        ) : null}
        {readiness.shown.length > 0 ? (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="table-billing-day">
              <thead>
                <tr className="border-b text-left text-slate-700">
                  {BILLING_DAY_COLUMNS.map((column) => (
                    <th key={column} scope="col" className="px-2 py-1.5">
                      {column}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {billingDayRows(readiness.shown).map((row, index) => {
                  const appliance = readiness.shown[index];
                  return (
                    <tr key={appliance.id} className="border-b">
                      <td className="px-2 py-1">
                        <Link className="text-blue-800 underline" href={`/appliances/${appliance.id}`}>
                          {row[0]}
                        </Link>
                      </td>
                      <td className="px-2 py-1">{row[1] || "—"}</td>
                      <td className="px-2 py-1">{row[2] || "—"}</td>
                      <td className="px-2 py-1">
                        <StatusBadge status={appliance.billingStatus} />
                      </td>
                      <td className="px-2 py-1">{row[4]}</td>
                      <td className="px-2 py-1 tabular-nums">{row[5] || "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {readiness.atRisk > readiness.shown.length ? (
              <p className="mt-1 text-sm text-slate-700">Showing the worst {readiness.shown.length}; the CSV lists all {readiness.atRisk}.</p>
            ) : null}
          </div>
        ) : (
          <p className="text-sm text-green-900">
            <span aria-hidden="true">✓ </span>Every appliance that sends usage has proven a send in the last 24 hours.
          </p>
        )}
      </section>

      <TableSection model={dailyTable(report)} days={report.days} empty="No day recorded in this range." />
    </div>
  );
}
