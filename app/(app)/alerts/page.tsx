import Link from "next/link";
import { AlertBulkActions } from "@/components/alerts/alert-bulk-actions";
import { AlertFilters } from "@/components/alerts/alert-filters";
import { AlertTable } from "@/components/alerts/alert-table";
import { SilencesTable } from "@/components/alerts/silences-table";
import { AutoRefresh } from "@/components/auto-refresh";
import { listAlertsPage } from "@/lib/alerts/list-alerts-page";
import { listSilences } from "@/lib/alerts/list-silences";
import { requirePageActor } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";
import { firstValues } from "@/lib/http/search-params";
import { acknowledgeAction, acknowledgeSelectedAction, endSilenceAction, silenceApplianceAction, silenceSelectedAction } from "./actions";

export const metadata = { title: "Alerts" };

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { db, actor } = await requirePageActor("viewer");
  const now = new Date();
  const operator = hasRole(actor, "operator");
  const [page, silences] = await Promise.all([listAlertsPage(db, actor, firstValues(await searchParams), now), listSilences(db, actor, {}, now)]);
  return (
    <div className="space-y-6">
      <AutoRefresh seconds={15} />
      <h1 className="text-2xl font-semibold">Alerts</h1>
      <AlertFilters values={page.filters} />
      {page.problem ? (
        <p role="alert" className="text-sm text-red-800">
          {page.problem}
        </p>
      ) : null}
      <p className="text-sm text-slate-700">Most severe first, then the most recent change.</p>
      {operator ? <AlertBulkActions acknowledge={acknowledgeSelectedAction} silence={silenceSelectedAction} /> : null}
      <AlertTable alerts={page.items} now={now} actions={operator ? { acknowledge: acknowledgeAction, silence: silenceApplianceAction } : null} />
      {page.nextHref ? (
        <Link className="text-blue-800 underline" href={page.nextHref}>
          More alerts
        </Link>
      ) : null}
      <section>
        <h2 className="text-lg font-semibold">Silences and maintenance windows</h2>
        <p className="text-sm text-slate-700">They hold notifications; alerts still show here and on every screen.</p>
        <SilencesTable silences={silences} endAction={operator ? endSilenceAction : null} testId="silences" />
      </section>
    </div>
  );
}
