import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { Field } from "@/components/field";
import { TimeAgo } from "@/components/time-ago";
import { ALERT_CONDITIONS, SEVERITIES } from "@/lib/alerts/conditions";
import { listSilences } from "@/lib/alerts/list-silences";
import { requirePageActor } from "@/lib/auth/page-guard";
import { listChannels } from "@/lib/channels/list-channels";
import { getSettings } from "@/lib/settings/get-settings";
import { endSilenceAction } from "../../alerts/actions";
import {
  alertingSettingsAction,
  createChannelAction,
  deleteChannelAction,
  maintenanceWindowAction,
  testChannelAction,
} from "./actions";
import { ChannelFields } from "./channel-fields";

export const metadata = { title: "Alert channels" };

function when(iso: string): string {
  return `${iso.replace("T", " ").slice(0, 16)} UTC`;
}

const inputClass = "mt-1 w-full rounded border border-slate-300 bg-white px-3 py-1.5";

export default async function ChannelsPage() {
  const { db, actor } = await requirePageActor("admin");
  const now = new Date();
  const [channels, silences, settings] = await Promise.all([listChannels(db, actor), listSilences(db, actor, {}, now), getSettings(db)]);
  const alerting = settings.alerting;
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Alert channels</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Alerts go to every channel whose routing rules match them; recoveries and acknowledgements go to the channels that heard
        of the alert. Targets, keys and passwords are stored encrypted and never shown again.
      </p>
      <table className="w-full border-collapse text-sm [&_td]:pr-3 [&_th]:pr-3" data-testid="channels">
        <thead>
          <tr className="border-b text-left text-slate-600">
            <th className="py-2">Name</th>
            <th>Type</th>
            <th>Target</th>
            <th>Routing</th>
            <th>Queue</th>
            <th>Last test</th>
            <th>Send test</th>
            <th>Delete</th>
          </tr>
        </thead>
        <tbody>
          {channels.length === 0 ? (
            <tr>
              <td colSpan={8} className="py-4 text-slate-600">
                No channels yet: alerts show on screens only.
              </td>
            </tr>
          ) : null}
          {channels.map((channel) => (
            <tr key={channel.id} className="border-b align-top" data-testid="channel-row" data-name={channel.name}>
              <td className="py-2">
                <Link className="text-blue-800 underline" href={`/admin/channels/${channel.id}`} aria-label={`Edit ${channel.name}`}>
                  {channel.name}
                </Link>
                {channel.enabled ? null : <div className="text-xs text-slate-600">disabled</div>}
              </td>
              <td>{channel.type}</td>
              <td className="break-all">{channel.target}</td>
              <td>
                <ul>
                  {channel.routes.map((route) => (
                    <li key={route.id}>
                      {route.minSeverity}+{route.tag ? ` · ${route.tag}` : ""}
                      {route.conditions.length > 0 ? ` · ${route.conditions.join(", ")}` : ""}
                    </li>
                  ))}
                  {channel.routes.length === 0 ? <li className="text-slate-600">none: only tests</li> : null}
                </ul>
              </td>
              <td>
                {channel.queue.pending} pending
                {channel.queue.failed > 0 ? <div className="text-red-800">{channel.queue.failed} given up</div> : null}
              </td>
              <td data-testid="last-test">
                {channel.lastTestAt ? (
                  <>
                    <TimeAgo at={channel.lastTestAt} now={now} />
                    <div className="text-xs">{channel.lastTestResult}</div>
                  </>
                ) : (
                  "—"
                )}
              </td>
              <td>
                <ActionForm action={testChannelAction} submitLabel={`Send test to ${channel.name}`} inline>
                  <input type="hidden" name="id" value={channel.id} />
                </ActionForm>
              </td>
              <td>
                <ActionForm action={deleteChannelAction} submitLabel={`Delete ${channel.name}`} inline>
                  <input type="hidden" name="id" value={channel.id} />
                </ActionForm>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <div className="grid gap-6 lg:grid-cols-2">
        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-semibold">Add a channel</h2>
          <ActionForm action={createChannelAction} submitLabel="Add channel">
            <Field label="Name" name="name" required maxLength={100} />
            <ChannelFields />
            <div className="grid grid-cols-2 gap-3">
              <label className="block">
                <span className="text-sm font-medium">Send alerts of severity at least</span>
                <select name="route-0-severity" defaultValue="warning" className={inputClass}>
                  {SEVERITIES.map((severity) => (
                    <option key={severity} value={severity}>
                      {severity}
                    </option>
                  ))}
                </select>
              </label>
              <Field label="Only for tag (e.g. tenant:acme; optional)" name="route-0-tag" maxLength={110} />
              <Field label={`Only conditions (optional: ${ALERT_CONDITIONS.join(", ")})`} name="route-0-conditions" maxLength={300} className="col-span-2" />
            </div>
          </ActionForm>
        </section>

        <section className="rounded border border-slate-200 bg-white p-4">
          <h2 className="text-lg font-semibold">Delivery settings</h2>
          <ActionForm action={alertingSettingsAction} submitLabel="Save delivery settings">
            <label className="block">
              <span className="text-sm font-medium">Allowed private targets (host, IP or CIDR; one per line)</span>
              <textarea name="allowedTargets" defaultValue={alerting.allowedTargets.join("\n")} rows={3} maxLength={5000} className={inputClass} />
              <span className="text-xs text-slate-600">
                Webhook, Slack, Teams and PagerDuty targets on loopback, private or link-local addresses are refused unless listed here.
              </span>
            </label>
            <Field label="Group window (seconds)" name="groupWindowSeconds" type="number" min={0} max={3600} defaultValue={alerting.groupWindowSeconds} />
            <Field label="Days-left reminders (comma-separated)" name="reminderDays" defaultValue={alerting.reminderDays.join(", ")} maxLength={100} />
            <Field label="Lifeline's public URL, for links in messages (optional)" name="publicUrl" defaultValue={alerting.publicUrl ?? ""} maxLength={500} />
          </ActionForm>
        </section>
      </div>

      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Silences and maintenance windows</h2>
        <table className="w-full text-sm" data-testid="windows">
          <thead>
            <tr className="border-b text-left text-slate-600">
              <th className="py-1">Kind</th>
              <th>Matches</th>
              <th>From</th>
              <th>Until</th>
              <th>By</th>
              <th>Reason</th>
              <th>End</th>
            </tr>
          </thead>
          <tbody>
            {silences.length === 0 ? (
              <tr>
                <td colSpan={7} className="py-2 text-slate-600">
                  None.
                </td>
              </tr>
            ) : null}
            {silences.map((silence) => {
              const matches = [silence.appliance?.name, silence.tag, silence.condition].filter(Boolean).join(" · ");
              return (
                <tr key={silence.id} className="border-b">
                  <td className="py-1">
                    {silence.kind}
                    {silence.active ? " (active)" : " (scheduled)"}
                  </td>
                  <td>{matches}</td>
                  <td>{when(silence.startsAt)}</td>
                  <td>{when(silence.endsAt)}</td>
                  <td>{silence.createdBy}</td>
                  <td>{silence.reason}</td>
                  <td>
                    <ActionForm action={endSilenceAction} submitLabel={`End ${silence.kind} for ${matches}`} inline>
                      <input type="hidden" name="id" value={silence.id} />
                    </ActionForm>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <div className="max-w-2xl rounded border border-slate-200 bg-white p-4">
          <h3 className="font-semibold">Schedule a maintenance window</h3>
          <ActionForm action={maintenanceWindowAction} submitLabel="Schedule maintenance window" className="mt-2 grid grid-cols-2 gap-3">
            <Field label="Appliance name" name="appliance" maxLength={100} />
            <Field label="or tag (e.g. region:ams)" name="tag" maxLength={110} />
            <Field label="Starts (UTC)" name="startsAt" type="datetime-local" required />
            <Field label="Ends (UTC)" name="endsAt" type="datetime-local" required />
            <Field label="Reason" name="reason" required maxLength={500} className="col-span-2" />
          </ActionForm>
        </div>
      </section>
    </div>
  );
}
