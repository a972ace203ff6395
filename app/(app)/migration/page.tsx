import Link from "next/link";
import { LiveUpdates } from "@/components/live-updates";
import { ReadinessBadge } from "@/components/readiness-badge";
import { StatusBadge } from "@/components/status-badge";
import { TimeAgo } from "@/components/time-ago";
import { WorkerBanner } from "@/components/worker-banner";
import { requirePageActor } from "@/lib/auth/page-guard";
import type { BillingStatus, MigrationReadiness } from "@/lib/billing";
import { getFleetFreshness } from "@/lib/fleet/get-fleet-freshness";
import { MIGRATION_GROUPS, getMigrationReport } from "@/lib/fleet/get-migration-report";
import { getFleetDigest } from "@/lib/fleet/get-fleet-digest";

export const metadata = { title: "9.0 migration" };

const GROUP_TEXT: Record<MigrationReadiness, { title: string; explain: string }> = {
  blocked: { title: "Blocked", explain: "On 9.0 or later and failing to send: the new billing endpoint is most likely not allowed." },
  "pending-upgrade": {
    title: "Pending upgrade",
    explain: "Below 9.0. The collector near each site probes the new billing endpoint; unreachable ones need a firewall rule before the upgrade.",
  },
  unknown: { title: "Unknown", explain: "Version not read yet, or a billing alert was seen since the upgrade and no send has been proven since." },
  ready: { title: "Ready", explain: "On 9.0 or later with a proven send, or no billing alert, since the upgrade." },
};

function Endpoints({ title, hosts, empty }: { title: string; hosts: string[]; empty: string }) {
  return (
    <div className="rounded border border-slate-300 bg-white p-3">
      <h3 className="text-sm font-semibold">{title}</h3>
      {hosts.length === 0 ? (
        <p className="mt-1 text-sm text-amber-900">
          <span aria-hidden="true">⚠ </span>
          {empty}
        </p>
      ) : (
        <ul className="mt-1 font-mono text-sm" data-testid={`endpoints-${title.startsWith("Zerto 9") ? "new" : "old"}`}>
          {hosts.map((host) => (
            <li key={host}>{host.includes(":") ? host : `${host}:443`} (HTTPS)</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export default async function MigrationPage() {
  const { db, actor } = await requirePageActor("viewer");
  const now = new Date();
  const [report, freshness, digest] = await Promise.all([getMigrationReport(db, actor), getFleetFreshness(db, actor, now), getFleetDigest(db, actor, now)]);
  const total = Object.values(report.counts).reduce((sum, count) => sum + count, 0);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Zerto 9.0 migration</h1>
        <LiveUpdates digest={digest} renderedAt={now.toISOString()} />
      </div>
      <WorkerBanner freshness={freshness} now={now} />
      <p className="max-w-4xl text-sm text-slate-700">
        From Zerto 9.0, usage goes to a new billing URL and IP range. The upgrade succeeds without it; the billing alert appears
        afterwards and the 15-day countdown to VRA disconnect starts. Allow the new endpoint in every site&apos;s firewall before
        upgrading.
      </p>
      <section aria-labelledby="endpoints-heading" className="space-y-2">
        <h2 id="endpoints-heading" className="text-lg font-semibold">
          What the firewall team must allow (outbound HTTPS, TCP 443)
        </h2>
        <div className="grid gap-3 md:grid-cols-2">
          <Endpoints title="Before 9.0 (old billing endpoint)" hosts={report.endpoints.old} empty="No old endpoint configured." />
          <Endpoints
            title="Zerto 9.0 and later (new billing endpoint)"
            hosts={report.endpoints.new}
            empty="Not configured yet: an admin enters the host names and IP ranges from Zerto's notice FTN-20210401 under Settings."
          />
        </div>
      </section>
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
      {MIGRATION_GROUPS.map((group) => {
        const { entries, more } = report.groups[group];
        return (
          <section key={group} id={`group-${group}`} aria-labelledby={`heading-${group}`} className="space-y-2">
            <h2 id={`heading-${group}`} className="text-lg font-semibold">
              {GROUP_TEXT[group].title} ({report.counts[group]})
            </h2>
            <p className="text-sm text-slate-700">{GROUP_TEXT[group].explain}</p>
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
                            {entry.reachability === "reachable" ? "✓ reachable" : entry.reachability === "unreachable" ? "✕ unreachable" : "? not probed"}
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
      })}
    </div>
  );
}
