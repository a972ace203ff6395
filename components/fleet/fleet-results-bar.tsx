import { BulkTestButton, type BulkActionState } from "@/components/bulk-test";
import { BULK_TEST_FILTER_KEYS, shownRangeText, type FleetParams, type FleetQueryView } from "@/lib/fleet/fleet-page-view";

type BulkTestAction = (previous: BulkActionState, form: FormData) => Promise<BulkActionState>;

/** How many rows are shown of how many match; operators can test every match at once (not a text search). */
export function FleetResultsBar({
  params,
  view,
  total,
  shown,
  error,
  bulkTestAction,
}: {
  params: FleetParams;
  view: FleetQueryView;
  total: number;
  shown: number;
  error: string | null;
  bulkTestAction: BulkTestAction | null;
}) {
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700" data-testid="fleet-count">
          {shownRangeText(view, total, shown)}
        </p>
        {bulkTestAction && total > 0 && !params.q ? (
          <BulkTestButton action={bulkTestAction} count={total} label={`Test transmission on all ${total} matching`}>
            {BULK_TEST_FILTER_KEYS.map((key) => (params[key] ? <input key={key} type="hidden" name={key} value={params[key]} /> : null))}
          </BulkTestButton>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="rounded bg-red-50 p-3 text-red-900">
          {error}
        </p>
      ) : null}
    </>
  );
}
