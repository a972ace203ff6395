import Link from "next/link";
import type { AlertCatalogItem } from "@/lib/alert-catalog/list-alert-catalog";
import { needsReview } from "@/lib/alert-catalog/list-alert-catalog";

/** The ZVM's own alerts at its newest reading; a licence alert Lifeline does not recognise stands out. */
export function ZvmAlertsNow({ kinds }: { kinds: AlertCatalogItem[] }) {
  const unknown = kinds.filter(needsReview);
  return (
    <section aria-labelledby="zvm-alerts-heading" className="space-y-2" data-testid="zvm-alerts-now">
      <h2 id="zvm-alerts-heading" className="text-lg font-semibold">
        The ZVM&apos;s own alerts now
      </h2>
      {unknown.length > 0 ? (
        <p className="rounded border-2 border-amber-400 bg-amber-50 px-3 py-2 text-sm" data-testid="unrecognised-licence-alert">
          <span aria-hidden="true">! </span>
          {unknown.length} licence alert{unknown.length === 1 ? "" : "s"} Lifeline does not recognise ({unknown.map((kind) => kind.helpIdentifier ?? "no identifier").join(", ")}):
          if it is a billing alert, this appliance may be failing although no countdown shows. Check it on the ZVM and mark it in the{" "}
          <Link href="/admin/alert-catalog" className="underline">
            alert catalogue
          </Link>
          .
        </p>
      ) : null}
      {kinds.length === 0 ? (
        <p className="text-sm text-slate-700">None at the last reading.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {kinds.map((kind) => (
            <li key={`${kind.helpIdentifier}-${kind.entity}-${kind.level}`} className="break-words">
              <span className="font-mono font-medium">{kind.helpIdentifier ?? "(no identifier)"}</span> · {kind.entity ?? "—"} · {kind.level ?? "—"}
              {kind.recognisedAs ? <span className="ml-1 font-medium text-red-800">({kind.recognisedAs} alert)</span> : null}: {kind.description ?? "—"}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
