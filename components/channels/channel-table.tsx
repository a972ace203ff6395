import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { TimeAgo } from "@/components/time-ago";
import type { ChannelView } from "@/lib/channels/channel-view";
import type { ActionState } from "@/lib/http/action-state";

type Action = (previous: ActionState, form: FormData) => Promise<ActionState>;

/** The channels and where they route; admins also test, edit and delete them, operators read. */
export function ChannelTable({ channels, now, admin }: { channels: ChannelView[]; now: Date; admin: { test: Action; remove: Action } | null }) {
  const columns = admin ? 8 : 6;
  return (
    <table className="w-full border-collapse text-sm [&_td]:pr-3 [&_th]:pr-3" data-testid="channels">
      <thead>
        <tr className="border-b text-left text-slate-600">
          <th className="py-2">Name</th>
          <th>Type</th>
          <th>Target</th>
          <th>Routing</th>
          <th>Queue</th>
          <th>Last test</th>
          {admin ? <th>Send test</th> : null}
          {admin ? <th>Delete</th> : null}
        </tr>
      </thead>
      <tbody>
        {channels.length === 0 ? (
          <tr>
            <td colSpan={columns} className="py-4 text-slate-600">
              No channels yet: alerts show on screens only.
            </td>
          </tr>
        ) : null}
        {channels.map((channel) => (
          <tr key={channel.id} className="border-b align-top" data-testid="channel-row" data-name={channel.name}>
            <td className="py-2 whitespace-nowrap">
              {admin ? (
                <Link className="text-blue-800 underline" href={`/admin/channels/${channel.id}`} aria-label={`Edit ${channel.name}`}>
                  {channel.name}
                </Link>
              ) : (
                <span className="font-medium">{channel.name}</span>
              )}
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
            {admin ? (
              <td>
                <ActionForm action={admin.test} submitLabel={`Send test to ${channel.name}`} shortLabel="Send test" inline>
                  <input type="hidden" name="id" value={channel.id} />
                </ActionForm>
              </td>
            ) : null}
            {admin ? (
              <td>
                <ActionForm action={admin.remove} submitLabel={`Delete ${channel.name}`} shortLabel="Delete" inline>
                  <input type="hidden" name="id" value={channel.id} />
                </ActionForm>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
