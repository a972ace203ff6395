import { ActionForm } from "@/components/action-form";
import { Field } from "@/components/field";
import { ChannelFields } from "@/components/channels/channel-fields";
import type { AlertingSettings } from "@/lib/alerts/alerting-settings";
import { ALERT_CONDITIONS, SEVERITIES } from "@/lib/alerts/conditions";
import type { ActionState } from "@/lib/http/action-state";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

const inputClass = "mt-1 w-full rounded border border-slate-300 bg-white px-3 py-1.5";

/** For admins: add a channel, and the delivery settings every channel shares. */
export function ChannelAdminSections({ alerting, createAction, settingsAction }: { alerting: AlertingSettings; createAction: Action; settingsAction: Action }) {
  return (
  <div className="grid gap-6 lg:grid-cols-2">
    <section className="rounded border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">Add a channel</h2>
      <ActionForm action={createAction} submitLabel="Add channel">
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
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="sendOpenAlerts" defaultChecked /> Send what is open now: the open alerts these routes match, once, as one message
        </label>
      </ActionForm>
    </section>

    <section className="rounded border border-slate-200 bg-white p-4">
      <h2 className="text-lg font-semibold">Delivery settings</h2>
      <ActionForm action={settingsAction} submitLabel="Save delivery settings">
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
  );
}
