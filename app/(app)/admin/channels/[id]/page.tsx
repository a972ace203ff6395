import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { Field } from "@/components/field";
import { requirePageActor } from "@/lib/auth/page-guard";
import { getChannel } from "@/lib/channels/list-channels";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { testChannelAction, updateChannelAction } from "../actions";
import { ChannelFields } from "@/components/channels/channel-fields";
import { RouteRows } from "../route-rows";

export const metadata = { title: "Edit channel" };

export default async function EditChannelPage({ params }: { params: Promise<{ id: string }> }) {
  const { db, actor } = await requirePageActor("admin");
  const { id } = await params;
  const channel = await getChannel(db, actor, id).catch((error: unknown) => {
    if (error instanceof NotFoundError || error instanceof ValidationError) notFound();
    throw error;
  });
  const config = channel.config;
  return (
    <div className="max-w-3xl space-y-6">
      <Link className="text-sm text-blue-800 underline" href="/admin/channels">
        ← Alert channels
      </Link>
      <h1 className="text-2xl font-semibold">
        {channel.name} <span className="text-base font-normal text-slate-600">({channel.type})</span>
      </h1>
      <p className="text-sm text-slate-700">
        Sends to <span className="break-all font-mono">{channel.target}</span>
        {config.from ? ` from ${config.from}` : ""}. Secret fields left empty keep their stored values.
      </p>
      <ActionForm action={updateChannelAction} submitLabel="Save channel" className="space-y-3 rounded border border-slate-200 bg-white p-4">
        <input type="hidden" name="id" value={channel.id} />
        <Field label="Name" name="name" defaultValue={channel.name} required maxLength={100} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="enabled" defaultChecked={channel.enabled} /> Enabled
        </label>
        <ChannelFields
          fixedType={channel.type}
          editing
          defaults={{
            endpoint: config.endpoint,
            host: config.host,
            port: config.port === undefined ? undefined : String(config.port),
            security: config.security,
            username: config.username ?? undefined,
            from: config.from,
            to: config.to?.join(", "),
          }}
        />
        <RouteRows routes={channel.routes} blank={2} />
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="sendOpenAlerts" defaultChecked /> When the routes change, send what is open now: the open alerts
          they newly match, once
        </label>
      </ActionForm>
      <ActionForm action={testChannelAction} submitLabel={`Send test to ${channel.name}`} inline>
        <input type="hidden" name="id" value={channel.id} />
      </ActionForm>
    </div>
  );
}
