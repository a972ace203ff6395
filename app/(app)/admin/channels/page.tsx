import { SilencesTable } from "@/components/alerts/silences-table";
import { ChannelAdminSections } from "@/components/channels/channel-admin-sections";
import { ChannelTable } from "@/components/channels/channel-table";
import { MaintenanceWindowForm } from "@/components/channels/maintenance-window-form";
import { listSilences } from "@/lib/alerts/list-silences";
import { requirePageActor } from "@/lib/auth/page-guard";
import { hasRole } from "@/lib/auth/roles";
import { listChannels } from "@/lib/channels/list-channels";
import { getSettingsFor } from "@/lib/settings/get-settings-for";
import { endSilenceAction } from "../../alerts/actions";
import { alertingSettingsAction, createChannelAction, deleteChannelAction, maintenanceWindowAction, testChannelAction } from "./actions";

export const metadata = { title: "Alert channels" };

/** Where alerts go. Operators read it (and schedule maintenance); admins change channels and delivery. */
export default async function ChannelsPage() {
  const { db, actor } = await requirePageActor("operator");
  const admin = hasRole(actor, "admin");
  const now = new Date();
  const [channels, silences, settings] = await Promise.all([listChannels(db, actor), listSilences(db, actor, {}, now), getSettingsFor(db, actor)]);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold">Alert channels</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Alerts go to every channel whose routing rules match them; recoveries and acknowledgements go to the channels that heard
        of the alert. Targets, keys and passwords are stored encrypted and never shown again.
        {admin ? "" : " Read-only: an administrator adds, changes and tests channels."}
      </p>
      <ChannelTable channels={channels} now={now} admin={admin ? { test: testChannelAction, remove: deleteChannelAction } : null} />
      {admin ? <ChannelAdminSections alerting={settings.alerting} createAction={createChannelAction} settingsAction={alertingSettingsAction} /> : null}
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">Silences and maintenance windows</h2>
        <SilencesTable silences={silences} endAction={endSilenceAction} testId="windows" />
        <MaintenanceWindowForm action={maintenanceWindowAction} />
      </section>
    </div>
  );
}
