import Link from "next/link";
import { BulkTestButton } from "@/components/bulk-test";
import { Countdown } from "@/components/countdown";
import { LiveUpdates } from "@/components/live-updates";
import { ReadinessBadge } from "@/components/readiness-badge";
import { StatusBadge } from "@/components/status-badge";
import { TimeAgo } from "@/components/time-ago";
import { WorkerBanner } from "@/components/worker-banner";
import { getFleetSummary } from "@/lib/appliances/fleet-summary";
import { neverProvenText } from "@/lib/appliances/send-wording";
import { BILLING_STATUSES, READINESS_VALUES, listAppliances, type ApplianceSort } from "@/lib/appliances/list-appliances";
import { requirePageActor } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { formatPercent, shareOf } from "@/lib/format/number-format";
import { getFleetFreshness } from "@/lib/fleet/get-fleet-freshness";
import { listFleetFacets } from "@/lib/fleet/list-fleet-facets";
import { getFleetDigest } from "@/lib/fleet/get-fleet-digest";
import { STATUS_SEVERITY } from "@/lib/fleet/severity";
import { bulkTestAction } from "./appliances/actions";

export const metadata = { title: "Fleet" };

type Params = Record<string, string | undefined>;

const FILTER_KEYS = ["status", "tenant", "region", "readiness", "q", "limit"] as const;

const COLUMNS: { label: string; sort: ApplianceSort }[] = [
  { label: "Name", sort: "name" },
  { label: "Tenant", sort: "tenant" },
  { label: "Region", sort: "region" },
  { label: "Status", sort: "severity" },
  { label: "Days left", sort: "disconnect" },
  { label: "Last successful send", sort: "lastSend" },
  { label: "Failing since", sort: "failingSince" },
  { label: "Version", sort: "version" },
  { label: "9.0 readiness", sort: "readiness" },
  { label: "Last polled", sort: "lastPolled" },
];

function hrefWith(params: Params, changes: Params): string {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...changes })) {
    if (value) next.set(key, value);
  }
  const query = next.toString();
  return query ? `/?${query}` : "/";
}

const selectClass = "mt-1 block rounded border border-slate-400 bg-white px-2 py-1.5 text-sm";

export default async function FleetPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { db, actor } = await requirePageActor("viewer");
  const params = await searchParams;
  const now = new Date();
  const sort = (params.sort ?? "severity") as ApplianceSort;
  const dir = params.dir === "desc" ? "desc" : "asc";
  const filters: Params = Object.fromEntries(FILTER_KEYS.map((key) => [key, params[key]]));
  const pageNumber = Math.max(1, Number(params.p) || 1);
  const query = { ...filters, sort, dir, cursor: params.cursor, limit: params.limit ?? "100" };
  const [summary, freshness, facets, digest, page] = await Promise.all([
    getFleetSummary(db, actor, now),
    getFleetFreshness(db, actor, now),
    listFleetFacets(db, actor),
    getFleetDigest(db, actor, now),
    listAppliances(db, actor, query, now).catch((error: unknown) => {
      if (error instanceof AppError) return { items: [], nextCursor: null, total: 0, error: error.message };
      throw error;
    }),
  ]);
  const keep: Params = { ...filters, sort: sort === "severity" ? undefined : sort, dir: dir === "asc" ? undefined : dir };
  const filtered = FILTER_KEYS.some((key) => key !== "limit" && params[key]);
  const limit = Number(query.limit) || 100;
  const first = (pageNumber - 1) * limit + 1;
  const operator = hasRole(actor, "operator");
  const compliantShare = shareOf(summary.productionCompliant.ok, summary.productionCompliant.of);
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Fleet</h1>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
          {freshness.workerAlive ? (
            <p className="text-sm text-slate-700">
              Worker alive · newest data <TimeAgo at={freshness.newestDataAt} now={now} empty="none yet" />
            </p>
          ) : null}
          <LiveUpdates digest={digest} renderedAt={now.toISOString()} />
        </div>
      </div>
      <WorkerBanner freshness={freshness} now={now} />

      <section aria-label="Counts by status" className="grid grid-cols-2 gap-2 sm:grid-cols-4 xl:grid-cols-8">
        <Link href="/" className="rounded border border-slate-300 bg-white p-3 hover:border-blue-600" aria-current={!params.status ? "true" : undefined}>
          <div className="text-xs font-medium text-slate-700">All appliances</div>
          <div className="text-2xl font-semibold tabular-nums">{summary.total}</div>
        </Link>
        {STATUS_SEVERITY.map((status) => (
          <Link
            key={status}
            href={hrefWith(keep, { status, cursor: undefined, p: undefined })}
            className={`rounded border bg-white p-3 hover:border-blue-600 ${params.status === status ? "border-blue-700 ring-2 ring-blue-600" : "border-slate-300"}`}
            aria-current={params.status === status ? "true" : undefined}
            data-testid={`count-${status}`}
          >
            <StatusBadge status={status} />
            <div className="mt-1 text-2xl font-semibold tabular-nums">{summary.byStatus[status]}</div>
          </Link>
        ))}
      </section>

      <section aria-label="Headline" className="grid gap-2 md:grid-cols-2">
        <div className="rounded border border-slate-300 bg-white p-3" data-testid="next-disconnect">
          <div className="text-xs font-medium text-slate-700">Next VRA disconnect</div>
          {summary.nextDisconnect ? (
            <div className="mt-1 flex flex-wrap items-baseline gap-x-3">
              <Countdown to={summary.nextDisconnect.disconnectAt} className="text-2xl font-semibold" />
              <Link className="font-medium text-blue-800 underline" href={`/appliances/${summary.nextDisconnect.applianceId}`}>
                {summary.nextDisconnect.name}
              </Link>
              <span className="text-sm text-slate-600">at {summary.nextDisconnect.disconnectAt.slice(0, 16).replace("T", " ")} UTC</span>
            </div>
          ) : (
            <p className="mt-1 text-lg">No appliance is counting down to a disconnect.</p>
          )}
        </div>
        <div className="rounded border border-slate-300 bg-white p-3" data-testid="production-compliant">
          <div className="text-xs font-medium text-slate-700">Production appliances compliant now</div>
          <div className="mt-1 flex items-baseline gap-3">
            <span className="text-2xl font-semibold tabular-nums">{formatPercent(compliantShare)}</span>
            <span className="text-sm text-slate-700">
              {summary.productionCompliant.ok} of {summary.productionCompliant.of} that must send are OK
            </span>
            <Link className="ml-auto text-sm text-blue-800 underline" href="/compliance">
              History
            </Link>
          </div>
        </div>
      </section>

      <form className="flex flex-wrap items-end gap-3 rounded border border-slate-300 bg-white p-3 print:hidden" action="/" role="search" aria-label="Filter the fleet">
        <label className="text-sm font-medium">
          Status
          <select name="status" defaultValue={params.status ?? ""} className={selectClass}>
            <option value="">any</option>
            <option value="disconnected,critical,warning">failing (warning or worse)</option>
            {BILLING_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          Tenant
          <select name="tenant" defaultValue={params.tenant ?? ""} className={selectClass}>
            <option value="">any</option>
            {facets.tenants.map((tenant) => (
              <option key={tenant} value={tenant}>
                {tenant}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          Region
          <select name="region" defaultValue={params.region ?? ""} className={selectClass}>
            <option value="">any</option>
            {facets.regions.map((region) => (
              <option key={region} value={region}>
                {region}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          9.0 readiness
          <select name="readiness" defaultValue={params.readiness ?? ""} className={selectClass}>
            <option value="">any</option>
            {READINESS_VALUES.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          Search
          <input name="q" type="search" defaultValue={params.q} placeholder="name, site, tenant, URL" maxLength={200} className={`${selectClass} w-56`} />
        </label>
        <label className="text-sm font-medium">
          Per page
          <select name="limit" defaultValue={String(limit)} className={selectClass}>
            {["50", "100", "200", "500"].map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        {sort !== "severity" ? <input type="hidden" name="sort" value={sort} /> : null}
        {dir !== "asc" ? <input type="hidden" name="dir" value={dir} /> : null}
        <button className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-900">Apply</button>
        {filtered ? (
          <Link href="/" className="px-2 py-1.5 text-sm text-blue-800 underline">
            Clear filters
          </Link>
        ) : null}
      </form>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700" data-testid="fleet-count">
          {page.total === 0
            ? "No appliances shown"
            : `Showing ${first}–${first + page.items.length - 1} of ${page.total}`}
          {sort === "severity" && dir === "asc" ? " · worst first" : ""}
        </p>
        {operator && page.total > 0 && !params.q ? (
          <BulkTestButton action={bulkTestAction} count={page.total} label={`Test transmission on all ${page.total} matching`}>
            {(["status", "tenant", "region", "readiness"] as const).map((key) =>
              params[key] ? <input key={key} type="hidden" name={key} value={params[key]} /> : null,
            )}
          </BulkTestButton>
        ) : null}
      </div>
      {"error" in page ? (
        <p role="alert" className="rounded bg-red-50 p-3 text-red-900">
          {page.error as string}
        </p>
      ) : null}

      <div className="overflow-x-auto rounded border border-slate-300 bg-white">
        <table className="w-full border-collapse text-sm" data-testid="fleet-table">
          <caption className="sr-only">Appliances, {sort === "severity" ? "worst first" : `sorted by ${sort}`}</caption>
          <thead className="bg-slate-100">
            <tr className="text-left text-slate-800">
              {COLUMNS.map((column) => {
                const active = sort === column.sort;
                const nextDir = active && dir === "asc" ? "desc" : "asc";
                return (
                  <th key={column.label} scope="col" className="px-2 py-2 font-semibold whitespace-nowrap" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}>
                    <Link
                      href={hrefWith(keep, { sort: column.sort === "severity" && nextDir === "asc" ? undefined : column.sort, dir: nextDir === "asc" ? undefined : "desc", cursor: undefined, p: undefined })}
                      className="hover:underline"
                    >
                      {column.label}
                      <span aria-hidden="true">{active ? (dir === "asc" ? " ▲" : " ▼") : ""}</span>
                    </Link>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {page.items.length === 0 ? (
              <tr>
                <td colSpan={COLUMNS.length} className="px-2 py-8 text-center text-slate-700">
                  {summary.total === 0 ? (
                    <>
                      No appliances registered yet.{" "}
                      {hasRole(actor, "admin") ? (
                        <Link className="text-blue-800 underline" href="/admin/appliances">
                          Add the first one
                        </Link>
                      ) : (
                        "An admin adds them under Appliances."
                      )}
                    </>
                  ) : (
                    "No appliances match these filters."
                  )}
                </td>
              </tr>
            ) : null}
            {page.items.map((item) => (
              <tr key={item.id} className="border-t border-slate-200 align-top hover:bg-slate-50" data-testid="appliance-row" data-name={item.name}>
                <td className="px-2 py-1.5">
                  <Link className="font-medium text-blue-800 underline" href={`/appliances/${item.id}`}>
                    {item.name}
                  </Link>
                </td>
                <td className="px-2 py-1.5">{item.tags.tenant ?? "—"}</td>
                <td className="px-2 py-1.5">{item.tags.region ?? "—"}</td>
                <td className="max-w-md px-2 py-1.5">
                  <StatusBadge status={item.billingStatus} />
                  {item.statusReasons[0] ? (
                    <span className="ml-1 line-clamp-2 text-xs text-slate-700" title={item.statusReasons[0].message} data-testid="status-reason">
                      {item.statusReasons[0].message}
                    </span>
                  ) : null}
                </td>
                <td className="px-2 py-1.5 tabular-nums" data-testid="days-left-cell">
                  {item.billingStatus === "disconnected" ? "disconnected" : (item.daysUntilDisconnect ?? "—")}
                </td>
                <td className="px-2 py-1.5">
                  {item.lastSuccessfulSendAt ? (
                    <>
                      <TimeAgo at={item.lastSuccessfulSendAt} now={now} />{" "}
                      <span className="text-xs text-slate-600">({item.lastSuccessfulSendSource})</span>
                    </>
                  ) : item.noFailureReportedAt ? (
                    <span className="text-slate-700">
                      no failure reported, checked <TimeAgo at={item.noFailureReportedAt} now={now} />
                    </span>
                  ) : (
                    <span className="text-slate-600" title={neverProvenText(item)}>
                      never proven
                    </span>
                  )}
                </td>
                <td className="px-2 py-1.5">
                  <TimeAgo at={item.failingSince} now={now} />
                </td>
                <td className="px-2 py-1.5">{item.version ?? "—"}</td>
                <td className="px-2 py-1.5">
                  <ReadinessBadge readiness={item.migrationReadiness} reachability={item.newEndpointReachability} />
                </td>
                <td className="px-2 py-1.5">
                  <TimeAgo at={item.lastPolledAt} now={now} empty={item.mode === "reporting" ? "reported by collector" : "never"} />
                  {item.lastPollError ? (
                    <span className="block text-xs text-red-800" title={item.lastPollError}>
                      <span aria-hidden="true">⚠ </span>poll failing
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex gap-4 print:hidden">
        {params.cursor ? (
          <Link className="text-blue-800 underline" href={hrefWith(keep, { cursor: undefined, p: undefined })}>
            ← First page
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link className="text-blue-800 underline" href={hrefWith(keep, { cursor: page.nextCursor, p: String(pageNumber + 1) })}>
            Next page →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
