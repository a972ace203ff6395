/** The audit page's filters, in the order its form shows them. */
export const AUDIT_FILTER_KEYS = ["action", "actor", "target", "result", "from", "to"] as const;

export type AuditFilters = Partial<Record<(typeof AUDIT_FILTER_KEYS)[number], string>>;

export function auditFiltersOf(params: Record<string, string | undefined>): AuditFilters {
  return Object.fromEntries(AUDIT_FILTER_KEYS.map((key) => [key, params[key]]));
}

/** The audit page's address with these filters (empty ones left out) and, for older pages, a `before` cursor. */
export function auditHref(filters: AuditFilters, before: string | null = null): string {
  const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
  if (before) query.set("before", before);
  return `/admin/audit?${query.toString()}`;
}

/** "2026-03-01 14:05:09": an audit time to the second, UTC. */
export function auditTimeText(iso: string): string {
  return iso.slice(0, 19).replace("T", " ");
}

export function auditDetailText(detail: unknown): string {
  return detail ? JSON.stringify(detail) : "";
}
