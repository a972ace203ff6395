import { ActionForm } from "@/components/action-form";
import { Field } from "@/components/field";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getSettingsFor } from "@/lib/settings/get-settings-for";
import { summariseScheduledTests } from "@/lib/test-transmissions/scheduled-test-summary";
import { TimeAgo } from "@/components/time-ago";
import { updateSettingsAction } from "./actions";

export const metadata = { title: "Settings" };

function ListField({ label, name, values, help }: { label: string; name: string; values: string[]; help: string }) {
  return (
    <label className="block">
      <span className="text-sm font-medium">{label}</span>
      <span className="block text-xs text-slate-700">{help}</span>
      <textarea
        name={name}
        defaultValue={values.join("\n")}
        rows={Math.max(2, Math.min(8, values.length + 1))}
        maxLength={20_000}
        className="mt-1 w-full rounded border border-slate-300 bg-white px-3 py-1.5 font-mono text-sm"
      />
    </label>
  );
}

export default async function SettingsPage() {
  const { db, actor } = await requirePageActor("admin");
  const now = new Date();
  const [settings, scheduled] = await Promise.all([getSettingsFor(db, actor), summariseScheduledTests(db, actor, now)]);
  const number = (name: keyof typeof settings, label: string, extra: Record<string, string | number> = {}) => (
    <Field label={label} name={name} type="number" required defaultValue={String(settings[name])} {...extra} />
  );
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <p className="text-sm text-slate-700">Changes are audited and take effect on the worker&apos;s next round; statuses are recomputed within 30 s.</p>
      <ActionForm action={updateSettingsAction} submitLabel="Save settings" className="space-y-6 rounded border border-slate-300 bg-white p-4">
        <fieldset className="grid grid-cols-2 gap-3 md:grid-cols-3">
          <legend className="mb-2 text-lg font-semibold">Polling</legend>
          {number("pollIntervalSeconds", "Poll interval (s)", { min: 10, max: 86_400 })}
          {number("pollConcurrency", "Polls at once", { min: 1, max: 1000 })}
          {number("pollTimeoutSeconds", "Poll timeout (s)", { min: 2, max: 300 })}
          {number("pollJitterRatio", "Jitter (share of interval)", { min: 0, max: 0.5, step: 0.01 })}
          {number("pollRetentionHours", "Keep raw polls (h)", { min: 1, max: 2160 })}
          {number("collectorCommandTimeoutSeconds", "Collector test wait (s)", { min: 30, max: 86_400 })}
        </fieldset>
        <fieldset className="grid grid-cols-2 gap-3 md:grid-cols-3">
          <legend className="mb-2 text-lg font-semibold">Scheduled proof of send</legend>
          {number("autoTestEveryHours", "Test each production appliance without a proof this recent (h; 0 = off)", { min: 0, max: 744 })}
          <p className="col-span-2 self-end text-sm text-slate-700" data-testid="scheduled-tests">
            {scheduled.everyHours === 0 ? (
              "Scheduled tests are off."
            ) : (
              <>
                {scheduled.dueNow} due now
                {scheduled.next ? (
                  <>
                    {" "}
                    · next: {scheduled.next.appliance} <TimeAgo at={scheduled.next.at} now={now} />
                  </>
                ) : null}
                . On the 2nd of each month every production appliance without a proof in the last 24 h is tested too.
              </>
            )}
          </p>
        </fieldset>
        <fieldset className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <legend className="mb-2 text-lg font-semibold">Thresholds</legend>
          {number("graceDays", "Grace period (days)", { min: 1, max: 90 })}
          {number("criticalDays", "Critical at or below (days left)", { min: 0, max: 90 })}
          {number("staleAfterPolls", "Stale after (poll intervals)", { min: 1, max: 100 })}
          {number("clockSkewLimitSeconds", "Clock-skew limit (s)", { min: 1, max: 86_400 })}
        </fieldset>
        <fieldset className="grid gap-3 md:grid-cols-2">
          <legend className="mb-2 text-lg font-semibold">Billing endpoints (host or host:port, one per line)</legend>
          <ListField label="Before Zerto 9.0" name="billingEndpoints.old" values={settings.billingEndpoints.old} help="The documented host is an example; use what Zerto told you." />
          <ListField
            label="Zerto 9.0 and later"
            name="billingEndpoints.new"
            values={settings.billingEndpoints.new}
            help="From Zerto's notice FTN-20210401; shown to the firewall team on the 9.0 migration page."
          />
        </fieldset>
        <fieldset className="grid gap-3 md:grid-cols-2">
          <legend className="mb-2 text-lg font-semibold">Billing alert patterns (one per line)</legend>
          <ListField label="Billing alert: help identifiers" name="alertPatterns.billingHelpIdentifiers" values={settings.alertPatterns.billingHelpIdentifiers} help="Exact HelpIdentifier values." />
          <ListField label="Billing alert: description patterns" name="alertPatterns.billingDescriptionPatterns" values={settings.alertPatterns.billingDescriptionPatterns} help="Text to find (any case), or /regular expression/i." />
          <ListField
            label="Disconnection alert: help identifiers"
            name="alertPatterns.disconnectionHelpIdentifiers"
            values={settings.alertPatterns.disconnectionHelpIdentifiers}
            help="Exact HelpIdentifier values."
          />
          <ListField
            label="Disconnection alert: description patterns"
            name="alertPatterns.disconnectionDescriptionPatterns"
            values={settings.alertPatterns.disconnectionDescriptionPatterns}
            help="Text to find (any case), or /regular expression/i."
          />
        </fieldset>
      </ActionForm>
    </div>
  );
}
