import Link from "next/link";
import { StatusBadge } from "@/components/status-badge";
import { TimeAgo } from "@/components/time-ago";
import type { BillingStatus, MigrationReadiness } from "@/lib/billing";
import type { MigrationReport } from "@/lib/fleet/get-migration-report";
import { MIGRATION_GROUP_TEXT, reachabilityText } from "@/lib/fleet/migration-page-view";

/** One readiness group's appliances (the first hundred; the fleet and the CSV have the rest). */
export function MigrationGroupSection({ group, report, now }: { group: MigrationReadiness; report: MigrationReport; now: Date }) {
  const { entries, more } = report.groups[group];
  return (
    <section id={`group-${group}`} aria-labelledby={`heading-${group}`} className="space-y-2">
      <h2 id={`heading-${group}`} className="text-lg font-semibold">
        {MIGRATION_GROUP_TEXT[group].title} ({report.counts[group]})
      </h2>
      <p className="text-sm text-slate-700">{MIGRATION_GROUP_TEXT[group].explain}</p>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">None.</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-300 bg-white">
          <table className="w-full text-sm" data-testid={`migration-${group}`}>
            <thead className="bg-slate-100 text-left">
              <tr>
                <th scope="col" className="px-2 py-1.5">Appliance</th>
                <th scope="col" className="px-2 py-1.5">Tenant</th>
                <th scope="col" className="px-2 py-1.5">Region</th>
                <th scope="col" className="px-2 py-1.5">Version</th>
                <th scope="col" className="px-2 py-1.5">Billing status</th>
                {group === "pending-upgrade" ? (
                  <th scope="col" className="px-2 py-1.5">New endpoint (collector probe)</th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} className="border-t border-slate-200" data-name={entry.name}>
                  <td className="px-2 py-1">
                    <Link className="text-blue-800 underline" href={`/appliances/${entry.id}`}>
                      {entry.name}
                    </Link>
                  </td>
                  <td className="px-2 py-1">{entry.tenant ?? "—"}</td>
                  <td className="px-2 py-1">{entry.region ?? "—"}</td>
                  <td className="px-2 py-1">{entry.version ?? "—"}</td>
                  <td className="px-2 py-1">
                    <StatusBadge status={entry.billingStatus as BillingStatus} />
                  </td>
                  {group === "pending-upgrade" ? (
                    <td className="px-2 py-1">
                      {reachabilityText(entry.reachability)}
                      {entry.reachabilityCheckedAt ? (
                        <span className="text-xs text-slate-600">
                          {" "}
                          (<TimeAgo at={entry.reachabilityCheckedAt} now={now} />)
                        </span>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more > 0 ? (
        <p className="text-sm">
          …and {more} more:{" "}
          <Link className="text-blue-800 underline" href={`/?readiness=${group}`}>
            see them in the fleet
          </Link>{" "}
          or download the CSV.
        </p>
      ) : null}
    </section>
  );
}
