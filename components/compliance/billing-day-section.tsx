import { BulkTestButton, type BulkActionState } from "@/components/bulk-test";
import { Countdown } from "@/components/countdown";
import { DataTable } from "@/components/data-table";
import { billingDayTable } from "@/lib/fleet/billing-day-table";
import type { BillingDayReadiness } from "@/lib/fleet/get-billing-day-readiness";

/**
 * The coming billing day: appliances at risk (failing, stale, never read, or no
 * evidence in 24 h) apart from healthy ones whose send is merely not proven.
 */
export function BillingDaySection({
  readiness,
  testAction,
}: {
  readiness: BillingDayReadiness;
  /** The bulk test, for operators. */
  testAction: ((previous: BulkActionState, form: FormData) => Promise<BulkActionState>) | null;
}) {
  const atRisk = billingDayTable("billing-day", "At risk", readiness.shown.map((appliance) => ({ appliance, readiness: "at risk" as const })));
  const unproven = billingDayTable(
    "billing-day-unproven",
    "Not proven",
    readiness.unprovenShown.map((appliance) => ({ appliance, readiness: "not proven" as const })),
  );
  return (
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
        Upload starts in <Countdown to={readiness.billingDay} className="font-semibold" />. Of {readiness.sending} appliances that send usage,{" "}
        <strong data-testid="billing-day-at-risk">{readiness.atRisk}</strong> are at risk: failing, not read lately, or without any evidence
        in the last 24 hours. <strong data-testid="billing-day-unproven">{readiness.unproven}</strong> more reported no failure but have no
        send proven in 24 hours; a test transmission proves it.
      </p>
      {testAction && readiness.untested > 0 ? (
        <BulkTestButton action={testAction} count={readiness.untested} label={`Test transmission on all ${readiness.untested} without a proven send`} />
      ) : null}
      {readiness.shown.length > 0 ? (
        <DataTable model={atRisk} empty="" caption="Appliances at risk for the billing day, worst first" />
      ) : (
        <p className="text-sm text-green-900">
          <span aria-hidden="true">✓ </span>No appliance that sends usage is at risk for the billing day.
        </p>
      )}
      {readiness.atRisk > readiness.shown.length ? (
        <p className="text-sm text-slate-700">Showing the worst {readiness.shown.length}; the CSV lists all {readiness.atRisk}.</p>
      ) : null}
      {readiness.unprovenShown.length > 0 ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium text-blue-800 underline">
            {readiness.unproven} healthy appliance{readiness.unproven === 1 ? "" : "s"} without a proven send in 24 hours
          </summary>
          <DataTable model={unproven} empty="" caption="Healthy appliances without a proven send in 24 hours" />
        </details>
      ) : null}
    </section>
  );
}
