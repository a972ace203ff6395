import Link from "next/link";
import type { ApplianceView } from "@/lib/appliances/appliance-view";
import { FLEET_COLUMNS, columnSortHref, type FleetQueryView } from "@/lib/fleet/fleet-page-view";
import { FleetRow } from "./fleet-row";

function EmptyFleetRow({ registered, admin }: { registered: number; admin: boolean }) {
  return (
    <tr>
      <td colSpan={FLEET_COLUMNS.length} className="px-2 py-8 text-center text-slate-700">
        {registered > 0 ? (
          "No appliances match these filters."
        ) : (
          <>
            No appliances registered yet.{" "}
            {admin ? (
              <Link className="text-blue-800 underline" href="/admin/appliances">
                Add the first one
              </Link>
            ) : (
              "An admin adds them under Appliances."
            )}
          </>
        )}
      </td>
    </tr>
  );
}

/** The fleet table: sortable headers, one row per appliance on this page. */
export function FleetTableSection({ items, registered, view, admin, now }: { items: ApplianceView[]; registered: number; view: FleetQueryView; admin: boolean; now: Date }) {
  const ascending = view.dir === "asc";
  return (
    <div className="overflow-x-auto rounded border border-slate-300 bg-white">
      <table className="w-full border-collapse text-sm" data-testid="fleet-table">
        <caption className="sr-only">Appliances, {view.sort === "severity" ? "worst first" : `sorted by ${view.sort}`}</caption>
        <thead className="bg-slate-100">
          <tr className="text-left text-slate-800">
            {FLEET_COLUMNS.map((column) => {
              const active = view.sort === column.sort;
              return (
                <th key={column.label} scope="col" className="px-2 py-2 font-semibold whitespace-nowrap" aria-sort={active ? (ascending ? "ascending" : "descending") : undefined}>
                  <Link href={columnSortHref(view, column.sort)} className="hover:underline">
                    {column.label}
                    <span aria-hidden="true">{active ? (ascending ? " ▲" : " ▼") : ""}</span>
                  </Link>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {items.length === 0 ? <EmptyFleetRow registered={registered} admin={admin} /> : null}
          {items.map((item) => (
            <FleetRow key={item.id} item={item} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
