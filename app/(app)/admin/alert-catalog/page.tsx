import { AlertCatalogTable } from "@/components/alert-catalog-table";
import { CATALOG_DAYS, listAlertCatalog, needsReview } from "@/lib/alert-catalog/list-alert-catalog";
import { requirePageActor } from "@/lib/auth/page-guard";
import { markAlertKindAction } from "./actions";

export const metadata = { title: "Alert catalogue" };

export default async function AlertCatalogPage() {
  const { db, actor } = await requirePageActor("admin");
  const now = new Date();
  const { items } = await listAlertCatalog(db, actor, now);
  const review = items.filter(needsReview);
  const rest = items.filter((item) => !needsReview(item));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Alert catalogue</h1>
        <p className="max-w-4xl text-sm text-slate-700">
          Every kind of alert the fleet&apos;s ZVMs raised in the last {CATALOG_DAYS} days (their own site only), and what Lifeline reads it as.
          Zerto publishes few billing alert identifiers; when a licence alert here is a billing alert Lifeline does not know, mark it: the
          next reading of every appliance applies it, and the change is audited.
        </p>
      </div>
      <section aria-labelledby="review-heading" className="space-y-2">
        <h2 id="review-heading" className="text-lg font-semibold">
          Licence alerts Lifeline does not recognise ({review.length})
        </h2>
        {review.length === 0 ? (
          <p className="text-sm text-slate-700">None: every licence alert in the fleet is recognised, or none was raised.</p>
        ) : (
          <div className="rounded border-2 border-amber-400 bg-amber-50 p-2" data-testid="needs-review">
            <AlertCatalogTable items={review} now={now} mark={markAlertKindAction} />
          </div>
        )}
      </section>
      <section aria-labelledby="all-heading" className="space-y-2">
        <h2 id="all-heading" className="text-lg font-semibold">
          All other alerts ({rest.length})
        </h2>
        {rest.length === 0 ? (
          <p className="text-sm text-slate-700">No other alerts were raised.</p>
        ) : (
          <div className="rounded border border-slate-300 bg-white p-2" data-testid="catalog-all">
            <AlertCatalogTable items={rest} now={now} mark={markAlertKindAction} />
          </div>
        )}
      </section>
    </div>
  );
}
