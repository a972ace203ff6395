import Link from "next/link";
import { ReadinessBadge } from "@/components/readiness-badge";
import { StatusBadge } from "@/components/status-badge";
import { TimeAgo } from "@/components/time-ago";
import type { ApplianceView } from "@/lib/appliances/appliance-view";
import { neverProvenText } from "@/lib/appliances/send-wording";
import { daysLeftText } from "@/lib/fleet/fleet-page-view";

function LastSendCell({ item, now }: { item: ApplianceView; now: Date }) {
  if (item.lastSuccessfulSendAt) {
    return (
      <>
        <TimeAgo at={item.lastSuccessfulSendAt} now={now} /> <span className="text-xs text-slate-600">({item.lastSuccessfulSendSource})</span>
      </>
    );
  }
  if (item.noFailureReportedAt) {
    return (
      <span className="text-slate-700">
        no failure reported, checked <TimeAgo at={item.noFailureReportedAt} now={now} />
      </span>
    );
  }
  return (
    <span className="text-slate-600" title={neverProvenText(item)}>
      never proven
    </span>
  );
}

/** One appliance in the fleet table, in the order of FLEET_COLUMNS. */
export function FleetRow({ item, now }: { item: ApplianceView; now: Date }) {
  return (
    <tr className="border-t border-slate-200 align-top hover:bg-slate-50" data-testid="appliance-row" data-name={item.name}>
      <td className="px-2 py-1.5">
        <Link className="font-medium text-blue-800 underline" href={`/appliances/${item.id}`}>
          {item.name}
        </Link>
      </td>
      <td className="px-2 py-1.5">{item.tags.tenant ?? "—"}</td>
      <td className="px-2 py-1.5">{item.tags.region ?? "—"}</td>
      <td className="max-w-md px-2 py-1.5">
        <StatusBadge status={item.billingStatus} />
        {item.statusReasons[0] ? (
          <span className="ml-1 line-clamp-2 text-xs text-slate-700" title={item.statusReasons[0].message} data-testid="status-reason">
            {item.statusReasons[0].message}
          </span>
        ) : null}
      </td>
      <td className="px-2 py-1.5 tabular-nums" data-testid="days-left-cell">
        {daysLeftText(item)}
      </td>
      <td className="px-2 py-1.5">
        <LastSendCell item={item} now={now} />
      </td>
      <td className="px-2 py-1.5">
        <TimeAgo at={item.failingSince} now={now} />
      </td>
      <td className="px-2 py-1.5">{item.version ?? "—"}</td>
      <td className="px-2 py-1.5">
        <ReadinessBadge readiness={item.migrationReadiness} reachability={item.newEndpointReachability} />
      </td>
      <td className="px-2 py-1.5">
        <TimeAgo at={item.lastPolledAt} now={now} empty={item.mode === "reporting" ? "reported by collector" : "never"} />
        {item.lastPollError ? (
          <span className="block text-xs text-red-800" title={item.lastPollError}>
            <span aria-hidden="true">⚠ </span>poll failing
          </span>
        ) : null}
      </td>
    </tr>
  );
}
