import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";

const optionalText = (max: number) => z.string().trim().max(max).optional().transform((value) => (value ? value : undefined));
const optionalDate = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform((value, context) => {
    if (!value) return undefined;
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
    if (Number.isNaN(date.getTime())) {
      context.addIssue({ code: "custom", message: "must be a date such as 2026-11-22" });
      return z.NEVER;
    }
    return date;
  });

export const auditQuerySchema = z.object({
  action: optionalText(100),
  actor: optionalText(200),
  target: optionalText(200),
  result: optionalText(50),
  /** From this UTC day (inclusive) to that one (inclusive). */
  from: optionalDate,
  to: optionalDate,
  before: z.string().regex(/^\d{1,19}$/, "must be an entry id").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface AuditEntryView {
  id: string;
  at: string;
  actor: string;
  actorType: string;
  action: string;
  target: string | null;
  result: string;
  detail: unknown;
}

/** The audit log, newest first, filtered; `nextBefore` pages on. Admins only: it names who did what. */
export async function listAuditLog(db: Database, actor: Actor | null, query: unknown) {
  authorize(actor, "admin");
  const filters = parseInput(auditQuerySchema, query);
  if (filters.from && filters.to && filters.from > filters.to) throw new ValidationError("from: must not be after to", "from");
  const where: Prisma.AuditLogWhereInput = {
    ...(filters.action ? { action: { startsWith: filters.action } } : {}),
    ...(filters.actor ? { actor: { contains: filters.actor, mode: "insensitive" } } : {}),
    ...(filters.target ? { target: { contains: filters.target, mode: "insensitive" } } : {}),
    ...(filters.result ? { result: filters.result } : {}),
    ...(filters.from || filters.to
      ? { at: { ...(filters.from ? { gte: filters.from } : {}), ...(filters.to ? { lt: new Date(filters.to.getTime() + 86_400_000) } : {}) } }
      : {}),
    ...(filters.before ? { id: { lt: BigInt(filters.before) } } : {}),
  };
  const [rows, actions] = await Promise.all([
    db.prisma.auditLog.findMany({ where, orderBy: { id: "desc" }, take: filters.limit + 1 }),
    // SQL DISTINCT over the (action, at) index: Prisma's `distinct` would read every entry.
    db.prisma.$queryRaw<{ action: string }[]>`SELECT DISTINCT action FROM "AuditLog" ORDER BY 1`,
  ]);
  const page = rows.slice(0, filters.limit);
  return {
    entries: page.map(
      (row): AuditEntryView => ({
        id: String(row.id),
        at: row.at.toISOString(),
        actor: row.actor,
        actorType: row.actorType,
        action: row.action,
        target: row.target,
        result: row.result,
        detail: row.detail,
      }),
    ),
    nextBefore: rows.length > filters.limit ? String(page[page.length - 1].id) : null,
    actions: actions.map((row) => row.action),
  };
}
