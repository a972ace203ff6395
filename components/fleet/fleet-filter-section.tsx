import Link from "next/link";
import { BILLING_STATUSES, READINESS_VALUES } from "@/lib/appliances/list-appliances";
import { FLEET_PAGE_SIZES, type FleetParams, type FleetQueryView } from "@/lib/fleet/fleet-page-view";

const selectClass = "mt-1 block rounded border border-slate-400 bg-white px-2 py-1.5 text-sm";

function FilterSelect({ label, name, value, options, extra }: { label: string; name: string; value: string | undefined; options: readonly string[]; extra?: React.ReactNode }) {
  return (
    <label className="text-sm font-medium">
      {label}
      <select name={name} defaultValue={value ?? ""} className={selectClass}>
        <option value="">any</option>
        {extra}
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Filters by status, tenant, region, readiness and text; the sort order survives a new filter. */
export function FleetFilterSection({ params, view, facets }: { params: FleetParams; view: FleetQueryView; facets: { tenants: string[]; regions: string[] } }) {
  return (
    <form className="flex flex-wrap items-end gap-3 rounded border border-slate-300 bg-white p-3 print:hidden" action="/" role="search" aria-label="Filter the fleet">
      <FilterSelect
        label="Status"
        name="status"
        value={params.status}
        options={BILLING_STATUSES}
        extra={<option value="disconnected,critical,warning">failing (warning or worse)</option>}
      />
      <FilterSelect label="Tenant" name="tenant" value={params.tenant} options={facets.tenants} />
      <FilterSelect label="Region" name="region" value={params.region} options={facets.regions} />
      <FilterSelect label="9.0 readiness" name="readiness" value={params.readiness} options={READINESS_VALUES} />
      <label className="text-sm font-medium">
        Search
        <input name="q" type="search" defaultValue={params.q} placeholder="name, site, tenant, URL" maxLength={200} className={`${selectClass} w-56`} />
      </label>
      <label className="text-sm font-medium">
        Per page
        <select name="limit" defaultValue={String(view.limit)} className={selectClass}>
          {FLEET_PAGE_SIZES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
      {view.sort !== "severity" ? <input type="hidden" name="sort" value={view.sort} /> : null}
      {view.dir !== "asc" ? <input type="hidden" name="dir" value={view.dir} /> : null}
      <button className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-900">Apply</button>
      {view.filtered ? (
        <Link href="/" className="px-2 py-1.5 text-sm text-blue-800 underline">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
