import { z } from "zod";
import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { READINESS_SEVERITY, STATUS_SEVERITY } from "@/lib/fleet/severity";
import { Prisma } from "@/lib/generated/prisma/client";
import { billingSettingsOf } from "@/lib/settings/get-settings";
import { getSettings } from "@/lib/settings/internal/get-settings";
import { parseInput } from "@/lib/validation";
import { toApplianceView, type ApplianceView } from "./appliance-view";

export const BILLING_STATUSES = ["ok", "warning", "critical", "disconnected", "exempt", "stale", "unknown"] as const;
export const READINESS_VALUES = ["ready", "blocked", "pending-upgrade", "unknown"] as const;
export const APPLIANCE_SORTS = [
  "name",
  "severity",
  "tenant",
  "region",
  "disconnect",
  "lastSend",
  "failingSince",
  "version",
  "readiness",
  "lastPolled",
] as const;
export type ApplianceSort = (typeof APPLIANCE_SORTS)[number];

const csv = <T extends string>(values: readonly T[], name: string) =>
  z
    .string()
    .max(200)
    .transform((value) => value.split(",").map((part) => part.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values as unknown as [T, ...T[]], { message: `must be one or more of ${values.join(", ")} (${name})` })));

export const listAppliancesQuerySchema = z.object({
  status: csv(BILLING_STATUSES, "status").optional(),
  readiness: csv(READINESS_VALUES, "readiness").optional(),
  tenant: z.string().trim().min(1).max(100).optional(),
  region: z.string().trim().min(1).max(100).optional(),
  mode: z.enum(["polled", "reporting"]).optional(),
  q: z.string().trim().min(1).max(200).optional(),
  /** name (the default) or severity: worst first, then fewest days left. */
  sort: z.enum(APPLIANCE_SORTS, { message: `must be one of ${APPLIANCE_SORTS.join(", ")}` }).default("name"),
  dir: z.enum(["asc", "desc"], { message: "must be asc or desc" }).default("asc"),
  limit: z.coerce.number().int().min(1, "must be 1 to 500").max(500, "must be 1 to 500").default(100),
  cursor: z.string().max(500).optional(),
});

export type ListAppliancesQuery = z.input<typeof listAppliancesQuerySchema>;
type Filters = z.infer<typeof listAppliancesQuerySchema>;

// Each sort is a tuple of SQL expressions ending in the unique name, so a page
// boundary is one row comparison (keyset paging) whatever the sort. Nullable
// columns get an "is null" key first, so missing values come last.
type KeyType = "int" | "text" | "timestamptz" | "boolean";
type SortKey = { expression: Prisma.Sql; type: KeyType };

const rankOf = (column: string, order: readonly string[]): SortKey => ({
  expression: Prisma.raw(
    `(CASE "${column}" ${order.map((value, rank) => `WHEN '${value}' THEN ${rank}`).join(" ")} ELSE ${order.length} END)`,
  ),
  type: "int",
});
const isNull = (column: string): SortKey => ({ expression: Prisma.raw(`("${column}" IS NULL)`), type: "boolean" });
const text = (column: string): SortKey => ({ expression: Prisma.raw(`coalesce("${column}", '')`), type: "text" });
const time = (column: string, fallback: string): SortKey => ({
  expression: Prisma.raw(`coalesce("${column}", '${fallback}'::timestamptz)`),
  type: "timestamptz",
});
const NAME: SortKey = { expression: Prisma.raw(`"name"`), type: "text" };

const SORT_KEYS: Record<ApplianceSort, SortKey[]> = {
  name: [NAME],
  severity: [rankOf("billingStatus", STATUS_SEVERITY), time("disconnectAt", "9999-12-31T00:00:00Z"), NAME],
  tenant: [isNull("tenant"), text("tenant"), NAME],
  region: [isNull("region"), text("region"), NAME],
  disconnect: [isNull("disconnectAt"), time("disconnectAt", "1970-01-01T00:00:00Z"), NAME],
  lastSend: [isNull("lastSuccessfulSendAt"), time("lastSuccessfulSendAt", "1970-01-01T00:00:00Z"), NAME],
  failingSince: [isNull("failingSince"), time("failingSince", "1970-01-01T00:00:00Z"), NAME],
  version: [isNull("version"), text("version"), NAME],
  readiness: [rankOf("migrationReadiness", READINESS_SEVERITY), NAME],
  lastPolled: [isNull("lastPolledAt"), time("lastPolledAt", "1970-01-01T00:00:00Z"), NAME],
};

type KeyValue = string | number | boolean;
type Cursor = { after: string } | { sort: ApplianceSort; dir: "asc" | "desc"; keys: KeyValue[] };

function decodeCursor(cursor: string, filters: Filters): KeyValue[] {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<Record<string, unknown>>;
    if (filters.sort === "name" && filters.dir === "asc" && typeof parsed.after === "string") return [parsed.after];
    const keys = parsed.keys;
    if (
      parsed.sort === filters.sort &&
      parsed.dir === filters.dir &&
      Array.isArray(keys) &&
      keys.length === SORT_KEYS[filters.sort].length &&
      keys.every((key) => ["string", "number", "boolean"].includes(typeof key))
    ) {
      return keys as KeyValue[];
    }
  } catch {
    // fall through
  }
  throw new ValidationError("cursor: is not a cursor this API gave out for this sort", "cursor");
}

function encodeCursor(filters: Filters, keys: KeyValue[]): string {
  // Sorted by name ascending the cursor keeps its original shape, for clients that kept one.
  const cursor: Cursor =
    filters.sort === "name" && filters.dir === "asc" ? { after: String(keys[0]) } : { sort: filters.sort, dir: filters.dir, keys };
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (match) => `\\${match}`);

/** The list's filters as SQL conditions, shared with the fleet page's counts. */
export function applianceFilterSql(filters: Partial<Filters>): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filters.status?.length) conditions.push(Prisma.sql`"billingStatus" IN (${Prisma.join(filters.status)})`);
  if (filters.readiness?.length) conditions.push(Prisma.sql`"migrationReadiness" IN (${Prisma.join(filters.readiness)})`);
  if (filters.tenant) conditions.push(Prisma.sql`"tenant" = ${filters.tenant}`);
  if (filters.region) conditions.push(Prisma.sql`"region" = ${filters.region}`);
  if (filters.mode) conditions.push(Prisma.sql`"mode" = ${filters.mode}::"ApplianceMode"`);
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q)}%`;
    conditions.push(
      Prisma.sql`("name" ILIKE ${pattern} OR "siteName" ILIKE ${pattern} OR "tenant" ILIKE ${pattern} OR "url" ILIKE ${pattern})`,
    );
  }
  return conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.join(conditions, " AND ");
}

function keyValueOf(value: unknown): KeyValue {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return String(value);
}

/**
 * Appliances filtered and sorted in SQL on the stored view columns (kept fresh
 * by the worker), each answered with its view computed for now. Paging is by
 * cursor; `total` counts every match.
 */
export async function listAppliances(
  db: Database,
  actor: Actor | null,
  query: unknown,
  now = new Date(),
): Promise<{ items: ApplianceView[]; nextCursor: string | null; total: number }> {
  authorize(actor, "viewer");
  const filters = parseInput(listAppliancesQuerySchema, query);
  const keys = SORT_KEYS[filters.sort];
  const descending = filters.dir === "desc";
  const where = applianceFilterSql(filters);
  const tuple = Prisma.join(keys.map((key) => key.expression));
  let after = Prisma.sql`TRUE`;
  if (filters.cursor) {
    const values = decodeCursor(filters.cursor, filters);
    const typed = Prisma.join(values.map((value, index) => Prisma.sql`${value}::${Prisma.raw(keys[index].type)}`));
    after = descending ? Prisma.sql`(${tuple}) < (${typed})` : Prisma.sql`(${tuple}) > (${typed})`;
  }
  const order = Prisma.join(keys.map((key) => Prisma.sql`${key.expression} ${Prisma.raw(descending ? "DESC" : "ASC")}`));
  const selected = Prisma.join(keys.map((key, index) => Prisma.sql`${key.expression} AS ${Prisma.raw(`k${index}`)}`));
  const [ranked, counted, settings] = await Promise.all([
    db.prisma.$queryRaw<Record<string, unknown>[]>`
      SELECT id, ${selected} FROM "Appliance" WHERE ${where} AND ${after} ORDER BY ${order} LIMIT ${filters.limit + 1}`,
    db.prisma.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM "Appliance" WHERE ${where}`,
    getSettings(db),
  ]);
  const page = ranked.slice(0, filters.limit);
  const rows = page.length === 0 ? [] : await db.prisma.appliance.findMany({ where: { id: { in: page.map((row) => String(row.id)) } } });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const billing = billingSettingsOf(settings);
  const last = page[page.length - 1];
  return {
    // A row removed between the two reads is simply left out.
    items: page.flatMap((row) => {
      const found = byId.get(String(row.id));
      return found ? [toApplianceView(found, billing, now)] : [];
    }),
    nextCursor: ranked.length > filters.limit ? encodeCursor(filters, keys.map((_, index) => keyValueOf(last[`k${index}`]))) : null,
    total: Number(counted[0]?.total ?? 0),
  };
}
