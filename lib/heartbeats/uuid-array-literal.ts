/**
 * Appliance ids as a PostgreSQL array parameter: `id = ANY($n::uuid[])` lets the
 * planner look each one up by primary key, where a join with a JSON list (guessed
 * at 100 rows) scanned every reporting appliance. The ids are UUIDs the heartbeat
 * schema checked, so the literal needs no quoting.
 */
export function uuidArrayLiteral(ids: readonly string[]): string {
  return `{${ids.join(",")}}`;
}
