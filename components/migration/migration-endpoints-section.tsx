import type { MigrationReport } from "@/lib/fleet/get-migration-report";
import { firewallTargetText } from "@/lib/fleet/migration-page-view";

function EndpointList({ title, hosts, empty }: { title: string; hosts: string[]; empty: string }) {
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
            <li key={host}>{firewallTargetText(host)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The old and new billing endpoints the firewall team must allow. */
export function MigrationEndpointsSection({ report }: { report: MigrationReport }) {
  return (
  <section aria-labelledby="endpoints-heading" className="space-y-2">
    <h2 id="endpoints-heading" className="text-lg font-semibold">
      What the firewall team must allow (outbound HTTPS, TCP 443)
    </h2>
    <div className="grid gap-3 md:grid-cols-2">
      <EndpointList title="Before 9.0 (old billing endpoint)" hosts={report.endpoints.old} empty="No old endpoint configured." />
      <EndpointList
        title="Zerto 9.0 and later (new billing endpoint)"
        hosts={report.endpoints.new}
        empty="Not configured yet: an admin enters the host names and IP ranges from Zerto's notice FTN-20210401 under Settings."
      />
    </div>
  </section>
  );
}
