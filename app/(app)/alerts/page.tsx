import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { AutoRefresh } from "@/components/auto-refresh";
import { TimeAgo } from "@/components/time-ago";
import { CONDITION_LABELS, ALERT_CONDITIONS, SEVERITIES } from "@/lib/alerts/conditions";
import { ALERT_STATUSES, listAlerts } from "@/lib/alerts/list-alerts";
import { listSilences } from "@/lib/alerts/list-silences";
import { requirePageActor } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { acknowledgeAction, endSilenceAction, silenceApplianceAction } from "./actions";

export const metadata = { title: "Alerts" };

type Params = Record<string, string | undefined>;

const SEVERITY_STYLE = {
  critical: "bg-red-100 text-red-900 border-red-300",
  warning: "bg-amber-100 text-amber-950 border-amber-300",
  info: "bg-slate-100 text-slate-800 border-slate-300",
} as const;

const DURATIONS = [
  { minutes: 60, label: "1 hour" },
  { minutes: 240, label: "4 hours" },
  { minutes: 1_440, label: "1 day" },
  { minutes: 10_080, label: "7 days" },
];

const selectClass = "mt-1 block rounded border border-slate-400 bg-white px-2 py-1.5 text-sm";

function when(iso: string): string {
  return `${iso.replace("T", " ").slice(0, 16)} UTC`;
}

export default async function AlertsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { db, actor } = await requirePageActor("viewer");
  const params = await searchParams;
  const now = new Date();
  const operator = hasRole(actor, "operator");
  const query = { status: params.status || "open,acknowledged", severity: params.severity || undefined, condition: params.condition || undefined, q: params.q || undefined, cursor: params.cursor };
  const [page, silences] = await Promise.all([
    listAlerts(db, actor, query, now).catch((error: unknown) => {
      if (error instanceof AppError) return { items: [], nextCursor: null, problem: error.message };
      throw error;
    }),
    listSilences(db, actor, {}, now),
  ]);
  const problem = "problem" in page ? page.problem : null;
  return (
    <div className="space-y-6">
      <AutoRefresh seconds={15} />
      <h1 className="text-2xl font-semibold">Alerts</h1>
      <form className="flex flex-wrap items-end gap-3" aria-label="Filter alerts">
        <label className="text-sm font-medium">
          Status
          <select name="status" defaultValue={query.status} className={selectClass}>
            <option value="open,acknowledged">open and acknowledged</option>
            {ALERT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {status}
              </option>
            ))}
            <option value={ALERT_STATUSES.join(",")}>all</option>
          </select>
        </label>
        <label className="text-sm font-medium">
          Severity
          <select name="severity" defaultValue={params.severity ?? ""} className={selectClass}>
            <option value="">any</option>
            {SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {severity}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          Condition
          <select name="condition" defaultValue={params.condition ?? ""} className={selectClass}>
            <option value="">any</option>
            {ALERT_CONDITIONS.map((condition) => (
              <option key={condition} value={condition}>
                {CONDITION_LABELS[condition]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          Appliance
          <input name="q" defaultValue={params.q ?? ""} maxLength={200} className="mt-1 block rounded border border-slate-400 bg-white px-2 py-1.5 text-sm" />
        </label>
        <button type="submit" className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white">
          Filter
        </button>
      </form>
      {problem ? <p role="alert" className="text-sm text-red-800">{problem}</p> : null}
      <table className="w-full border-collapse text-sm [&_td]:pr-3 [&_th]:pr-3" data-testid="alerts">
        <thead>
          <tr className="border-b text-left text-slate-600">
            <th className="py-2">Appliance</th>
            <th>Alert</th>
            <th>Severity</th>
            <th>Status</th>
            <th>Last step</th>
            <th>Opened</th>
            {operator ? <th>Act</th> : null}
          </tr>
        </thead>
        <tbody>
          {page.items.length === 0 ? (
            <tr>
              <td colSpan={operator ? 7 : 6} className="py-4 text-slate-600">
                No alerts match.
              </td>
            </tr>
          ) : null}
          {page.items.map((alert) => (
            <tr key={alert.id} className="border-b align-top" data-testid="alert-row" data-appliance={alert.appliance.name} data-condition={alert.condition}>
              <td className="py-2">
                <Link className="text-blue-800 underline" href={`/appliances/${alert.appliance.id}`}>
                  {alert.appliance.name}
                </Link>
                {alert.appliance.tenant ? <div className="text-xs text-slate-600">tenant {alert.appliance.tenant}</div> : null}
              </td>
              <td className="max-w-md">
                <div className="font-medium">{alert.conditionLabel}</div>
                <div className="text-slate-700">{alert.summary}</div>
              </td>
              <td>
                <span className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold uppercase ${SEVERITY_STYLE[alert.severity]}`}>{alert.severity}</span>
              </td>
              <td data-testid="alert-status">
                {alert.status}{" "}
                {alert.acknowledgedBy ? <div className="text-xs text-slate-600">by {alert.acknowledgedBy}</div> : null}
                {alert.resolvedAt ? (
                  <div className="text-xs text-slate-600">
                    <TimeAgo at={alert.resolvedAt} now={now} />
                  </div>
                ) : null}
                {alert.silencedUntil ? (
                  <div className="text-xs font-medium text-violet-900" data-testid="silenced">
                    notifications held until {when(alert.silencedUntil)}
                  </div>
                ) : null}
              </td>
              <td>{alert.step}</td>
              <td>
                <TimeAgo at={alert.openedAt} now={now} />
              </td>
              {operator ? (
                <td className="space-y-2">
                  {alert.status === "open" ? (
                    <ActionForm action={acknowledgeAction} submitLabel={`Acknowledge ${alert.conditionLabel} on ${alert.appliance.name}`} inline>
                      <input type="hidden" name="id" value={alert.id} />
                    </ActionForm>
                  ) : null}
                  {alert.status !== "resolved" ? (
                    <details>
                      <summary className="cursor-pointer text-blue-800 underline">Silence {alert.appliance.name}</summary>
                      <ActionForm action={silenceApplianceAction} submitLabel={`Silence ${alert.appliance.name}`} className="mt-2 space-y-2">
                        <input type="hidden" name="applianceId" value={alert.appliance.id} />
                        <input type="hidden" name="condition" value={alert.condition} />
                        <label className="block text-sm">
                          What
                          <select name="scope" className={selectClass} defaultValue="appliance">
                            <option value="appliance">every alert of this appliance</option>
                            <option value="condition">only {alert.conditionLabel}</option>
                          </select>
                        </label>
                        <label className="block text-sm">
                          For
                          <select name="durationMinutes" className={selectClass} defaultValue="240">
                            {DURATIONS.map((duration) => (
                              <option key={duration.minutes} value={duration.minutes}>
                                {duration.label}
                              </option>
                            ))}
                          </select>
                        </label>
                        <label className="block text-sm">
                          Reason
                          <input name="reason" required maxLength={500} className="mt-1 block w-full rounded border border-slate-400 px-2 py-1" />
                        </label>
                      </ActionForm>
                    </details>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {page.nextCursor ? (
        <Link className="text-blue-800 underline" href={`/alerts?${new URLSearchParams({ ...Object.fromEntries(Object.entries(query).filter(([, value]) => value)), cursor: page.nextCursor } as Record<string, string>)}`}>
          Older alerts
        </Link>
      ) : null}
      <section>
        <h2 className="text-lg font-semibold">Silences and maintenance windows</h2>
        <p className="text-sm text-slate-700">They hold notifications; alerts still show here and on every screen.</p>
        <table className="mt-2 w-full text-sm" data-testid="silences">
          <thead>
            <tr className="border-b text-left text-slate-600">
              <th className="py-1">Kind</th>
              <th>Matches</th>
              <th>From</th>
              <th>Until</th>
              <th>By</th>
              <th>Reason</th>
              {operator ? <th>End</th> : null}
            </tr>
          </thead>
          <tbody>
            {silences.length === 0 ? (
              <tr>
                <td colSpan={operator ? 7 : 6} className="py-2 text-slate-600">
                  None.
                </td>
              </tr>
            ) : null}
            {silences.map((silence) => {
              const matches = [silence.appliance?.name, silence.tag, silence.condition].filter(Boolean).join(" · ");
              return (
              <tr key={silence.id} className="border-b" data-testid="silence-row">
                <td className="py-1">
                  {silence.kind}
                  {silence.active ? " (active)" : " (scheduled)"}
                </td>
                <td>{matches}</td>
                <td>{when(silence.startsAt)}</td>
                <td>{when(silence.endsAt)}</td>
                <td>{silence.createdBy}</td>
                <td>{silence.reason}</td>
                {operator ? (
                  <td>
                    <ActionForm action={endSilenceAction} submitLabel={`End ${silence.kind} for ${matches}`} inline>
                      <input type="hidden" name="id" value={silence.id} />
                    </ActionForm>
                  </td>
                ) : null}
              </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </div>
  );
}
