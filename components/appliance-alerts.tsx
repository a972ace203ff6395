import Link from "next/link";
import { TimeAgo } from "@/components/time-ago";
import { listApplianceAlerts } from "@/lib/alerts/get-alert";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";

const DELIVERY_STYLE = { delivered: "text-green-800", pending: "text-amber-900", failed: "text-red-800" } as const;

/** The appliance's alerts, each with its steps and where every message went: the delivery log. */
export async function ApplianceAlerts({ db, actor, applianceId }: { db: Database; actor: Actor; applianceId: string }) {
  const now = new Date();
  const alerts = await listApplianceAlerts(db, actor, applianceId, 20, now);
  return (
    <section aria-labelledby="appliance-alerts-heading" data-testid="appliance-alerts">
      <div className="flex items-baseline gap-3">
        <h2 id="appliance-alerts-heading" className="text-lg font-semibold">
          Alerts and deliveries
        </h2>
        {alerts.length > 0 ? (
          <Link className="text-sm text-blue-800 underline" href={`/alerts?status=open,acknowledged,resolved&q=${encodeURIComponent(alerts[0].appliance.name)}`}>
            all alerts
          </Link>
        ) : null}
      </div>
      {alerts.length === 0 ? <p className="mt-2 text-sm text-slate-600">No alerts for this appliance.</p> : null}
      <ul className="mt-2 space-y-3">
        {alerts.map((alert) => (
          <li key={alert.id} className="rounded border bg-white p-3 text-sm" data-testid="appliance-alert" data-condition={alert.condition}>
            <div className="flex flex-wrap items-baseline gap-2">
              <span className="font-semibold">{alert.conditionLabel}</span>
              <span className="rounded border px-1.5 text-xs uppercase">{alert.severity}</span>
              <span data-testid="appliance-alert-status">{alert.status}</span>
              {alert.acknowledgedBy ? <span className="text-slate-600">acknowledged by {alert.acknowledgedBy}</span> : null}
              {alert.silencedUntil ? <span className="text-violet-900">notifications held by a silence</span> : null}
              <span className="text-slate-600">
                opened <TimeAgo at={alert.openedAt} now={now} />
              </span>
            </div>
            <ol className="mt-1 list-inside list-disc text-slate-800">
              {alert.events.map((event) => (
                <li key={event.id}>
                  <TimeAgo at={event.at} now={now} /> · {event.step} · {event.summary}{" "}
                  <span className="text-slate-600">({event.outcome})</span>
                </li>
              ))}
            </ol>
            {alert.deliveries.length > 0 ? (
              <table className="mt-2 w-full text-xs" aria-label={`Deliveries of ${alert.conditionLabel}`}>
                <thead>
                  <tr className="border-b text-left text-slate-600">
                    <th className="py-1">Channel</th>
                    <th>Step</th>
                    <th>Status</th>
                    <th>Attempts</th>
                    <th>Queued</th>
                    <th>Delivered / next try</th>
                    <th>Last error</th>
                  </tr>
                </thead>
                <tbody>
                  {alert.deliveries.map((delivery) => (
                    <tr key={delivery.messageId} className="border-b" data-testid="delivery-row">
                      <td className="py-1">
                        {delivery.channel.name} ({delivery.channel.type})
                      </td>
                      <td>{delivery.step}</td>
                      <td className={DELIVERY_STYLE[delivery.status]}>{delivery.status}</td>
                      <td>{delivery.attempts}</td>
                      <td>
                        <TimeAgo at={delivery.queuedAt} now={now} />
                      </td>
                      <td>
                        {delivery.deliveredAt ? <TimeAgo at={delivery.deliveredAt} now={now} /> : delivery.nextAttemptAt ? <TimeAgo at={delivery.nextAttemptAt} now={now} /> : "—"}
                      </td>
                      <td className="break-all">{delivery.lastError ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
