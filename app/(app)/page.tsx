import { FleetCountsSection } from "@/components/fleet/fleet-counts-section";
import { FleetFilterSection } from "@/components/fleet/fleet-filter-section";
import { FleetHeadlineSection } from "@/components/fleet/fleet-headline-section";
import { FleetPager } from "@/components/fleet/fleet-pager";
import { FleetResultsBar } from "@/components/fleet/fleet-results-bar";
import { FleetTableSection } from "@/components/fleet/fleet-table-section";
import { LiveUpdates } from "@/components/live-updates";
import { TimeAgo } from "@/components/time-ago";
import { WorkerBanner } from "@/components/worker-banner";
import { getFleetSummary } from "@/lib/appliances/fleet-summary";
import { listAppliances } from "@/lib/appliances/list-appliances";
import { requirePageActor } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { readFleetQuery, type FleetParams } from "@/lib/fleet/fleet-page-view";
import { getFleetFreshness } from "@/lib/fleet/get-fleet-freshness";
import { listFleetFacets } from "@/lib/fleet/list-fleet-facets";
import { getFleetDigest } from "@/lib/fleet/get-fleet-digest";
import { bulkTestAction } from "./appliances/actions";

export const metadata = { title: "Fleet" };

export default async function FleetPage({ searchParams }: { searchParams: Promise<FleetParams> }) {
  const { db, actor } = await requirePageActor("viewer");
  const params = await searchParams;
  const now = new Date();
  const view = readFleetQuery(params);
  const [summary, freshness, facets, digest, page] = await Promise.all([
    getFleetSummary(db, actor, now),
    getFleetFreshness(db, actor, now),
    listFleetFacets(db, actor),
    getFleetDigest(db, actor, now),
    listAppliances(db, actor, view.query, now).catch((error: unknown) => {
      if (error instanceof AppError) return { items: [], nextCursor: null, total: 0, error: error.message };
      throw error;
    }),
  ]);
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
      <FleetCountsSection summary={summary} keep={view.keep} activeStatus={params.status} />
      <FleetHeadlineSection summary={summary} />
      <FleetFilterSection params={params} view={view} facets={facets} />
      <FleetResultsBar
        params={params}
        view={view}
        total={page.total}
        shown={page.items.length}
        error={"error" in page ? page.error : null}
        bulkTestAction={hasRole(actor, "operator") ? bulkTestAction : null}
      />
      <FleetTableSection items={page.items} registered={summary.total} view={view} admin={hasRole(actor, "admin")} now={now} />
      <FleetPager view={view} cursor={params.cursor} nextCursor={page.nextCursor} />
    </div>
  );
}
