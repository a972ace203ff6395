import Link from "next/link";
import { fleetHref, type FleetQueryView } from "@/lib/fleet/fleet-page-view";

/** Cursor paging: back to the first page, or on to the next. */
export function FleetPager({ view, cursor, nextCursor }: { view: FleetQueryView; cursor: string | undefined; nextCursor: string | null }) {
  return (
    <nav aria-label="Pages" className="flex gap-4 print:hidden">
      {cursor ? (
        <Link className="text-blue-800 underline" href={fleetHref(view.keep, { cursor: undefined, p: undefined })}>
          ← First page
        </Link>
      ) : null}
      {nextCursor ? (
        <Link className="text-blue-800 underline" href={fleetHref(view.keep, { cursor: nextCursor, p: String(view.pageNumber + 1) })}>
          Next page →
        </Link>
      ) : null}
    </nav>
  );
}
