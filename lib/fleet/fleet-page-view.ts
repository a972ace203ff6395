import type { ApplianceSort } from "@/lib/appliances/list-appliances";
import type { ApplianceView } from "@/lib/appliances/appliance-view";

/** The fleet page's query string: every value a string or absent. */
export type FleetParams = Record<string, string | undefined>;

export const FLEET_FILTER_KEYS = ["status", "tenant", "region", "readiness", "q", "limit"] as const;
/** Filters a bulk test transmission carries over (a free-text search does not). */
export const BULK_TEST_FILTER_KEYS = ["status", "tenant", "region", "readiness"] as const;
export const FLEET_PAGE_SIZES = ["50", "100", "200", "500"] as const;
const DEFAULT_LIMIT = 100;

export const FLEET_COLUMNS: readonly { label: string; sort: ApplianceSort }[] = [
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

/** The fleet page's address with `changes` applied over `params`; empty values are left out. */
export function fleetHref(params: FleetParams, changes: FleetParams): string {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...changes })) {
    if (value) next.set(key, value);
  }
  const query = next.toString();
  return query ? `/?${query}` : "/";
}

export interface FleetQueryView {
  sort: ApplianceSort;
  dir: "asc" | "desc";
  filters: FleetParams;
  /** What `listAppliances` is asked. */
  query: FleetParams & { sort: ApplianceSort; dir: "asc" | "desc"; limit: string };
  /** What every link on the page keeps (defaults left out, so addresses stay short). */
  keep: FleetParams;
  filtered: boolean;
  limit: number;
  pageNumber: number;
  /** 1-based position of the first row shown. */
  first: number;
  worstFirst: boolean;
}

/** Reads the fleet page's query string; `listAppliances` validates the values themselves. */
export function readFleetQuery(params: FleetParams): FleetQueryView {
  const sort = (params.sort ?? "severity") as ApplianceSort;
  const dir: "asc" | "desc" = params.dir === "desc" ? "desc" : "asc";
  const filters: FleetParams = Object.fromEntries(FLEET_FILTER_KEYS.map((key) => [key, params[key]]));
  const pageNumber = Math.max(1, Number(params.p) || 1);
  const query = { ...filters, sort, dir, cursor: params.cursor, limit: params.limit ?? String(DEFAULT_LIMIT) };
  const limit = Number(query.limit) || DEFAULT_LIMIT;
  return {
    sort,
    dir,
    filters,
    query,
    keep: { ...filters, sort: sort === "severity" ? undefined : sort, dir: dir === "asc" ? undefined : dir },
    filtered: FLEET_FILTER_KEYS.some((key) => key !== "limit" && params[key]),
    limit,
    pageNumber,
    first: (pageNumber - 1) * limit + 1,
    worstFirst: sort === "severity" && dir === "asc",
  };
}

/** A column header's link: the first click sorts ascending, the next descending; back to the first page. */
export function columnSortHref(view: FleetQueryView, column: ApplianceSort): string {
  const nextDir = view.sort === column && view.dir === "asc" ? "desc" : "asc";
  return fleetHref(view.keep, {
    sort: column === "severity" && nextDir === "asc" ? undefined : column,
    dir: nextDir === "asc" ? undefined : "desc",
    cursor: undefined,
    p: undefined,
  });
}

export function shownRangeText(view: FleetQueryView, total: number, shown: number): string {
  const range = total === 0 ? "No appliances shown" : `Showing ${view.first}–${view.first + shown - 1} of ${total}`;
  return view.worstFirst ? `${range} · worst first` : range;
}

export function daysLeftText(item: Pick<ApplianceView, "billingStatus" | "daysUntilDisconnect">): string {
  if (item.billingStatus === "disconnected") return "disconnected";
  return item.daysUntilDisconnect === null ? "—" : String(item.daysUntilDisconnect);
}

/** "2026-03-01 14:05" from an ISO time: the minute, in UTC. */
export function utcMinuteText(iso: string): string {
  return iso.slice(0, 16).replace("T", " ");
}
