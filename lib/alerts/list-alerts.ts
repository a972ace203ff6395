import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { alertApplianceSelect, toAlertView, type AlertView } from "./alert-view";
import { ALERT_CONDITIONS, SEVERITIES, type Severity } from "./conditions";
import { activeSilences } from "./list-silences";

export const ALERT_STATUSES = ["open", "acknowledged", "resolved"] as const;
export const ALERT_SORTS = ["recent", "severity"] as const;

// PostgreSQL sorts an enum in the order it was declared: info < warning < critical.
const SEVERITY_ORDER = ["info", "warning", "critical"] as const;

const csv = <T extends string>(values: readonly T[], name: string) =>
  z
    .string()
    .max(200)
    .transform((value) => value.split(",").map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values as unknown as [T, ...T[]], { message: `must be one or more of ${values.join(", ")} (${name})` })));

export const listAlertsQuerySchema = z.object({
  status: csv(ALERT_STATUSES, "status").default(["open", "acknowledged"]),
  severity: csv(SEVERITIES, "severity").optional(),
  condition: csv(ALERT_CONDITIONS, "condition").optional(),
  applianceId: z.uuid({ message: "must be an appliance id" }).optional(),
  tenant: z.string().trim().min(1).max(100).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1, "must be 1 to 500").max(500, "must be 1 to 500").default(100),
  cursor: z.string().max(500).optional(),
  /** recent: newest activity first; severity: critical first, then newest activity (the alerts page). */
  sort: z.enum(ALERT_SORTS, { message: "must be recent or severity" }).default("recent"),
});

export type ListAlertsQuery = z.input<typeof listAlertsQuerySchema>;

type Cursor = { at: Date; id: string; severity?: Severity };

function decodeCursor(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { at?: unknown; id?: unknown; severity?: unknown };
    const severity = SEVERITY_ORDER.find((value) => value === parsed.severity);
    if (typeof parsed.at === "string" && typeof parsed.id === "string" && !Number.isNaN(Date.parse(parsed.at)) && (parsed.severity === undefined || severity)) {
      return { at: new Date(parsed.at), id: parsed.id, severity };
    }
  } catch {
    // fall through
  }
  throw new ValidationError("cursor: is not a cursor this API gave out", "cursor");
}

const encodeCursor = (view: AlertView, sort: (typeof ALERT_SORTS)[number]) =>
  Buffer.from(JSON.stringify({ at: view.lastEventAt, id: view.id, ...(sort === "severity" ? { severity: view.severity } : {}) })).toString("base64url");

/** The rows after the cursor in the chosen order. */
function afterCursor(after: Cursor, sort: (typeof ALERT_SORTS)[number]): Prisma.AlertWhereInput {
  const sameSeverityAfter: Prisma.AlertWhereInput[] = [{ lastEventAt: { lt: after.at } }, { lastEventAt: after.at, id: { lt: after.id } }];
  if (sort === "recent") return { OR: sameSeverityAfter };
  if (!after.severity) throw new ValidationError("cursor: was given out for another sort order", "cursor");
  const lower = SEVERITY_ORDER.slice(0, SEVERITY_ORDER.indexOf(after.severity));
  return { OR: [...(lower.length ? [{ severity: { in: [...lower] } }] : []), ...sameSeverityAfter.map((part) => ({ ...part, severity: after.severity }))] };
}

/** Alerts, newest activity first (or most severe first); open and acknowledged ones unless asked otherwise. */
export async function listAlerts(
  db: Database,
  actor: Actor | null,
  query: unknown,
  now = new Date(),
): Promise<{ items: AlertView[]; nextCursor: string | null }> {
  authorize(actor, "viewer");
  const filters = parseInput(listAlertsQuerySchema, query);
  const after = filters.cursor ? decodeCursor(filters.cursor) : null;
  const filterWhere: Prisma.AlertWhereInput = {
    status: { in: filters.status },
    ...(filters.severity ? { severity: { in: filters.severity } } : {}),
    ...(filters.condition ? { condition: { in: filters.condition } } : {}),
    ...(filters.applianceId ? { applianceId: filters.applianceId } : {}),
    ...(filters.tenant || filters.q
      ? {
          appliance: {
            ...(filters.tenant ? { tenant: filters.tenant } : {}),
            ...(filters.q ? { name: { contains: filters.q, mode: "insensitive" as const } } : {}),
          },
        }
      : {}),
  };
  const where = after ? { AND: [filterWhere, afterCursor(after, filters.sort)] } : filterWhere;
  const [rows, silences] = await Promise.all([
    db.prisma.alert.findMany({
      where,
      include: { appliance: { select: alertApplianceSelect } },
      orderBy: [...(filters.sort === "severity" ? [{ severity: "desc" as const }] : []), { lastEventAt: "desc" }, { id: "desc" }],
      take: filters.limit + 1,
    }),
    activeSilences(db, now),
  ]);
  const items = rows.slice(0, filters.limit).map((row) => toAlertView(row, silences, now));
  return { items, nextCursor: rows.length > filters.limit ? encodeCursor(items[items.length - 1], filters.sort) : null };
}
