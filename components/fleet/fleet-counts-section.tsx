import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import type { FleetSummary } from "@/lib/appliances/fleet-summary";
import { fleetHref, type FleetParams } from "@/lib/fleet/fleet-page-view";
import { STATUS_SEVERITY } from "@/lib/fleet/severity";

/** One tile per billing status, worst first; each filters the fleet to that status. */
export function FleetCountsSection({ summary, keep, activeStatus }: { summary: FleetSummary; keep: FleetParams; activeStatus: string | undefined }) {
  return (
    <section aria-label="Counts by status" className="grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-8">
      <Link href="/" className="rounded border border-slate-300 bg-white p-3 hover:border-blue-600" aria-current={!activeStatus ? "true" : undefined}>
        <div className="text-xs font-medium text-slate-700">All appliances</div>
        <div className="text-2xl font-semibold tabular-nums">{summary.total}</div>
      </Link>
      {STATUS_SEVERITY.map((status) => (
        <Link
          key={status}
          href={fleetHref(keep, { status, cursor: undefined, p: undefined })}
          className={`rounded border bg-white p-3 hover:border-blue-600 ${activeStatus === status ? "border-blue-700 ring-2 ring-blue-600" : "border-slate-300"}`}
          aria-current={activeStatus === status ? "true" : undefined}
          data-testid={`count-${status}`}
        >
          <StatusBadge status={status} />
          <div className="mt-1 text-2xl font-semibold tabular-nums">{summary.byStatus[status]}</div>
        </Link>
      ))}
    </section>
  );
}
