import Link from "next/link";
import { AuditFilterSection } from "@/components/audit/audit-filter-section";
import { AuditTable } from "@/components/audit/audit-table";
import { requirePageActor } from "@/lib/auth/page-guard";
import { AppError } from "@/lib/errors";
import { AUDIT_FILTER_KEYS, auditFiltersOf, auditHref } from "@/lib/history/audit-page-view";
import { listAuditLog } from "@/lib/history/list-audit-log";

export const metadata = { title: "Audit log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { db, actor } = await requirePageActor("admin");
  const params = await searchParams;
  const now = new Date();
  const filters = auditFiltersOf(params);
  const result = await listAuditLog(db, actor, { ...filters, before: params.before, limit: 50 }).catch(async (error: unknown) => {
    if (!(error instanceof AppError)) throw error;
    return { ...(await listAuditLog(db, actor, { limit: 50 })), entries: [], nextBefore: null, error: error.message };
  });
  const filtered = AUDIT_FILTER_KEYS.some((key) => params[key]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <AuditFilterSection params={filters} actions={result.actions} filtered={filtered} />
      {"error" in result ? (
        <p role="alert" className="rounded bg-red-50 p-3 text-red-900">
          {result.error}
        </p>
      ) : null}
      <AuditTable entries={result.entries} filtered={filtered} now={now} />
      <nav aria-label="Pages" className="flex gap-4">
        {params.before ? (
          <Link className="text-blue-800 underline" href={auditHref(filters)}>
            ← Newest
          </Link>
        ) : null}
        {result.nextBefore ? (
          <Link className="text-blue-800 underline" href={auditHref(filters, result.nextBefore)}>
            Older →
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
