import { TimeAgo } from "@/components/time-ago";
import type { AuditEntryView } from "@/lib/history/list-audit-log";
import { auditDetailText, auditTimeText } from "@/lib/history/audit-page-view";

/** Audit entries, newest first. */
export function AuditTable({ entries, filtered, now }: { entries: AuditEntryView[]; filtered: boolean; now: Date }) {
  return (
  <div className="overflow-x-auto rounded border border-slate-300 bg-white">
    <table className="w-full text-sm" data-testid="audit-table">
      <thead className="bg-slate-100 text-left">
        <tr>
          <th scope="col" className="px-2 py-1.5">When (UTC)</th>
          <th scope="col" className="px-2 py-1.5">Actor</th>
          <th scope="col" className="px-2 py-1.5">Action</th>
          <th scope="col" className="px-2 py-1.5">Target</th>
          <th scope="col" className="px-2 py-1.5">Result</th>
          <th scope="col" className="px-2 py-1.5">Detail</th>
        </tr>
      </thead>
      <tbody>
        {entries.length === 0 ? (
          <tr>
            <td colSpan={6} className="px-2 py-6 text-slate-700">
              {filtered ? "No entries match these filters." : "Nothing audited yet."}
            </td>
          </tr>
        ) : null}
        {entries.map((entry) => (
          <tr key={entry.id} className="border-t border-slate-200 align-top">
            <td className="px-2 py-1 whitespace-nowrap">
              {auditTimeText(entry.at)}
              <span className="block text-xs text-slate-600">
                <TimeAgo at={entry.at} now={now} />
              </span>
            </td>
            <td className="px-2 py-1">
              {entry.actor} <span className="text-xs text-slate-600">({entry.actorType})</span>
            </td>
            <td className="px-2 py-1 font-mono text-xs">{entry.action}</td>
            <td className="px-2 py-1 break-all">{entry.target ?? "—"}</td>
            <td className="px-2 py-1">{entry.result}</td>
            <td className="max-w-md px-2 py-1 font-mono text-xs break-all">{auditDetailText(entry.detail)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
  );
}
