import Link from "next/link";
import { TimeAgo } from "@/components/time-ago";
import { requirePageActor } from "@/lib/auth/page-guard";
import { AppError } from "@/lib/errors";
import { listAuditLog } from "@/lib/history/list-audit-log";

export const metadata = { title: "Audit log" };

const FILTERS = ["action", "actor", "target", "result", "from", "to"] as const;
const inputClass = "mt-1 block rounded border border-slate-400 bg-white px-2 py-1.5 text-sm";

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { db, actor } = await requirePageActor("admin");
  const params = await searchParams;
  const now = new Date();
  const filters = Object.fromEntries(FILTERS.map((key) => [key, params[key]]));
  const result = await listAuditLog(db, actor, { ...filters, before: params.before, limit: 50 }).catch(async (error: unknown) => {
    if (!(error instanceof AppError)) throw error;
    return { ...(await listAuditLog(db, actor, { limit: 50 })), entries: [], nextBefore: null, error: error.message };
  });
  const next = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
  if (result.nextBefore) next.set("before", result.nextBefore);
  const filtered = FILTERS.some((key) => params[key]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <form action="/admin/audit" className="flex flex-wrap items-end gap-3 rounded border border-slate-300 bg-white p-3" role="search" aria-label="Filter the audit log">
        <label className="text-sm font-medium">
          Action
          <select name="action" defaultValue={params.action ?? ""} className={inputClass}>
            <option value="">any</option>
            {result.actions.map((action) => (
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
      {"error" in result ? (
        <p role="alert" className="rounded bg-red-50 p-3 text-red-900">
          {result.error as string}
        </p>
      ) : null}
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
            {result.entries.length === 0 ? (
              <tr>
                <td colSpan={6} className="px-2 py-6 text-slate-700">
                  {filtered ? "No entries match these filters." : "Nothing audited yet."}
                </td>
              </tr>
            ) : null}
            {result.entries.map((entry) => (
              <tr key={entry.id} className="border-t border-slate-200 align-top">
                <td className="px-2 py-1 whitespace-nowrap">
                  {entry.at.slice(0, 19).replace("T", " ")}
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
                <td className="max-w-md px-2 py-1 font-mono text-xs break-all">{entry.detail ? JSON.stringify(entry.detail) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="flex gap-4">
        {params.before ? (
          <Link className="text-blue-800 underline" href={`/admin/audit?${new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1]))).toString()}`}>
            ← Newest
          </Link>
        ) : null}
        {result.nextBefore ? (
          <Link className="text-blue-800 underline" href={`/admin/audit?${next.toString()}`}>
            Older →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
