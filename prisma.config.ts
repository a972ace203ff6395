import { PGlite } from "@electric-sql/pglite";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { defineConfig } from "prisma/config";

// The CLI is used offline for `generate` and for writing new migrations
// (`npm run db:new-migration`); both run against an in-memory PGlite, so no
// schema-engine binary and no database server are needed. Lifeline applies
// migrations itself at start (lib/db/migrate.ts).

// The schema engine replays migration scripts (several statements, no
// parameters) into the shadow database; PGlite's prepared statements take one
// statement each, so such scripts go through exec instead.
async function connect(): Promise<SqlDriverAdapter> {
  const pglite = new PGlite();
  const adapter = await new PrismaPGlite(pglite).connect();
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeScript = async (script: string) => {
    await pglite.exec(script);
  };
  adapter.executeRaw = async (query) => {
    if (query.args.length > 0) return executeRaw(query);
    const results = await pglite.exec(query.sql);
    return results.reduce((sum, result) => sum + (result.affectedRows ?? 0), 0);
  };
  return adapter;
}

const adapterFactory: SqlMigrationAwareDriverAdapterFactory = {
  provider: "postgres",
  adapterName: "pglite-prisma-adapter",
  connect,
  connectToShadowDb: connect,
};

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => adapterFactory,
});
