import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { TimeAgo } from "@/components/time-ago";
import type { AlertView } from "@/lib/alerts/alert-view";
import { formatUtc } from "@/lib/billing/time";
import type { ActionState } from "@/lib/http/action-state";
import { AlertSelectAll, BULK_FORM_ID } from "./alert-bulk-actions";
import { DurationField } from "./duration-field";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

const SEVERITY_STYLE = {
  critical: "bg-red-100 text-red-900 border-red-300",
  warning: "bg-amber-100 text-amber-950 border-amber-300",
  info: "bg-slate-100 text-slate-800 border-slate-300",
} as const;

const selectClass = "mt-1 block rounded border border-slate-400 bg-white px-2 py-1.5 text-sm";
const when = (iso: string) => formatUtc(new Date(iso));

function RowActions({ alert, acknowledge, silence }: { alert: AlertView; acknowledge: Action; silence: Action }) {
  return (
    <td className="space-y-2">
      {alert.status === "open" ? (
        <ActionForm action={acknowledge} submitLabel={`Acknowledge ${alert.conditionLabel} on ${alert.appliance.name}`} shortLabel="Acknowledge" inline>
          <input type="hidden" name="id" value={alert.id} />
        </ActionForm>
      ) : null}
      {alert.status !== "resolved" ? (
        <details>
          <summary className="cursor-pointer text-blue-800 underline">Silence {alert.appliance.name}</summary>
          <ActionForm action={silence} submitLabel={`Silence ${alert.appliance.name}`} className="mt-2 space-y-2">
            <input type="hidden" name="applianceId" value={alert.appliance.id} />
            <input type="hidden" name="condition" value={alert.condition} />
            <label className="block text-sm">
              What
              <select name="scope" className={selectClass} defaultValue="appliance">
                <option value="appliance">every alert of this appliance</option>
                <option value="condition">only {alert.conditionLabel}</option>
              </select>
            </label>
            <DurationField />
            <label className="block text-sm">
              Reason
              <input name="reason" required maxLength={500} className="mt-1 block w-full rounded border border-slate-400 px-2 py-1" />
            </label>
          </ActionForm>
        </details>
      ) : null}
    </td>
  );
}

/** Alerts, most severe first; operators tick several to act on them at once, or act on one. */
export function AlertTable({
  alerts,
  now,
  actions,
}: {
  alerts: AlertView[];
  now: Date;
  /** For operators: the per-alert actions. */
  actions: { acknowledge: Action; silence: Action } | null;
}) {
  const columns = actions ? 8 : 6;
  return (
    <table className="w-full border-collapse text-sm [&_td]:pr-3 [&_th]:pr-3" data-testid="alerts">
      <thead>
        <tr className="border-b text-left text-slate-600">
          {actions ? (
            <th className="w-8 py-2">
              <AlertSelectAll />
            </th>
          ) : null}
          <th className="py-2">Appliance</th>
          <th>Alert</th>
          <th>Severity</th>
          <th>Status</th>
          <th>Last step</th>
          <th>Last change</th>
          {actions ? <th>Act</th> : null}
        </tr>
      </thead>
      <tbody>
        {alerts.length === 0 ? (
          <tr>
            <td colSpan={columns} className="py-4 text-slate-600">
              No alerts match.
            </td>
          </tr>
        ) : null}
        {alerts.map((alert) => (
          <tr key={alert.id} className="border-b align-top" data-testid="alert-row" data-appliance={alert.appliance.name} data-condition={alert.condition} data-severity={alert.severity}>
            {actions ? (
              <td className="py-2">
                {alert.status !== "resolved" ? (
                  <input type="checkbox" name="ids" value={alert.id} form={BULK_FORM_ID} aria-label={`Select ${alert.conditionLabel} on ${alert.appliance.name}`} />
                ) : null}
              </td>
            ) : null}
            <td className="py-2">
              <Link className="font-medium whitespace-nowrap text-blue-800 underline" href={`/appliances/${alert.appliance.id}`}>
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
              <TimeAgo at={alert.lastEventAt} now={now} />
              <div className="text-xs text-slate-600">
                opened <TimeAgo at={alert.openedAt} now={now} />
              </div>
            </td>
            {actions ? <RowActions alert={alert} acknowledge={actions.acknowledge} silence={actions.silence} /> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
