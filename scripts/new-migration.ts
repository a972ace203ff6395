// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// brings the existing migrations up to prisma/schema.prisma. Offline: the
// Prisma CLI diffs against an in-memory PGlite (prisma.config.ts).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]{1,60}$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name>   (lowercase letters, digits and _)");
  process.exit(2);
}
const dir = path.join("prisma", "migrations");
fs.mkdirSync(dir, { recursive: true });
const hasMigrations = fs.readdirSync(dir).some((entry) => fs.existsSync(path.join(dir, entry, "migration.sql")));
const from = hasMigrations ? ["--from-migrations", dir] : ["--from-empty"];
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (/^-- This is an empty migration\.\s*$/m.test(sql) || sql.trim() === "") {
  console.log("The schema matches the migrations: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const target = path.join(dir, `${stamp}_${name}`);
fs.mkdirSync(target);
fs.writeFileSync(path.join(target, "migration.sql"), sql);
if (!fs.existsSync(path.join(dir, "migration_lock.toml"))) {
  fs.writeFileSync(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
}
console.log(`Wrote ${path.join(target, "migration.sql")}`);
