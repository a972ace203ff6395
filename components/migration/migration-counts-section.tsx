import { ReadinessBadge } from "@/components/readiness-badge";
import { MIGRATION_GROUPS, type MigrationReport } from "@/lib/fleet/get-migration-report";
import { totalOf } from "@/lib/fleet/migration-page-view";

/** How many appliances stand in each readiness group, how pending ones probe, and the CSV of all. */
export function MigrationCountsSection({ report }: { report: MigrationReport }) {
  const total = totalOf(report.counts);
  return (
  <section aria-label="Counts" className="flex flex-wrap items-stretch gap-2">
    {MIGRATION_GROUPS.map((group) => (
      <a key={group} href={`#group-${group}`} className="min-w-40 rounded border border-slate-300 bg-white p-3 hover:border-blue-600" data-testid={`migration-count-${group}`}>
        <ReadinessBadge readiness={group} />
        <div className="mt-1 text-2xl font-semibold tabular-nums">{report.counts[group]}</div>
      </a>
    ))}
    <div className="min-w-56 rounded border border-slate-300 bg-white p-3 text-sm">
      <div className="font-medium">Pending upgrades: new endpoint</div>
      <div>✕ unreachable: {report.pendingByReachability.unreachable}</div>
      <div>? not probed: {report.pendingByReachability.unknown}</div>
      <div>✓ reachable: {report.pendingByReachability.reachable}</div>
    </div>
    <a href="/api/v1/fleet/migration?format=csv" className="ml-auto self-center rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 print:hidden" download>
      Download CSV ({total} appliances)
    </a>
  </section>
  );
}
