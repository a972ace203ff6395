// Tests that need a PostgreSQL server: CI sets LIFELINE_REQUIRE_POSTGRES=1 and
// there they fail when PostgreSQL is missing; on a developer's machine without
// one they are skipped, and say so.

/** Whether this run must have PostgreSQL (CI). */
export function postgresRequired(): boolean {
  return process.env.LIFELINE_REQUIRE_POSTGRES === "1";
}

/**
 * Whether `what` can run on PostgreSQL here (`ready`: TEST_DATABASE_URL is set,
 * or for a throw-away cluster, its server binaries are installed). When it
 * cannot: throws under LIFELINE_REQUIRE_POSTGRES=1 (the test file fails), and
 * otherwise prints one line saying what is skipped and why.
 */
export function postgresAvailable(
  what: string,
  ready = Boolean(process.env.TEST_DATABASE_URL),
  missing = "TEST_DATABASE_URL is not set (postgres://… runs it)",
): boolean {
  if (ready) return true;
  if (postgresRequired()) {
    throw new Error(`${what} needs PostgreSQL and LIFELINE_REQUIRE_POSTGRES=1 is set, but ${missing}.`);
  }
  console.warn(`SKIPPED (no PostgreSQL): ${what}: ${missing}.`);
  return false;
}
