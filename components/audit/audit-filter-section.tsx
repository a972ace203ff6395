import Link from "next/link";
import type { AuditFilters } from "@/lib/history/audit-page-view";

const inputClass = "mt-1 block rounded border border-slate-400 bg-white px-2 py-1.5 text-sm";

/** Filters the audit log by action, actor, target, result and UTC days. */
export function AuditFilterSection({ params, actions, filtered }: { params: AuditFilters; actions: string[]; filtered: boolean }) {
  return (
  <form action="/admin/audit" className="flex flex-wrap items-end gap-3 rounded border border-slate-300 bg-white p-3" role="search" aria-label="Filter the audit log">
    <label className="text-sm font-medium">
      Action
      <select name="action" defaultValue={params.action ?? ""} className={inputClass}>
        <option value="">any</option>
        {actions.map((action) => (
          <option key={action} value={action}>
            {action}
          </option>
        ))}
      </select>
    </label>
    <label className="text-sm font-medium">
      Actor contains
      <input name="actor" defaultValue={params.actor} maxLength={200} className={inputClass} />
    </label>
    <label className="text-sm font-medium">
      Target contains
      <input name="target" defaultValue={params.target} maxLength={200} className={inputClass} />
    </label>
    <label className="text-sm font-medium">
      Result
      <input name="result" defaultValue={params.result} maxLength={50} className={inputClass} placeholder="ok, denied, failed…" />
    </label>
    <label className="text-sm font-medium">
      From (UTC day)
      <input name="from" type="date" defaultValue={params.from} className={inputClass} />
    </label>
    <label className="text-sm font-medium">
      To (UTC day)
      <input name="to" type="date" defaultValue={params.to} className={inputClass} />
    </label>
    <button className="rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white">Apply</button>
    {filtered ? (
      <Link href="/admin/audit" className="px-2 py-1.5 text-sm text-blue-800 underline">
        Clear filters
      </Link>
    ) : null}
  </form>
  );
}
