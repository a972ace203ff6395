import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROUTES } from "@/lib/http/route-table";

// The edge answers 404 and 405 from lib/http/route-table.ts: it must list every
// route handler in app/ with exactly the methods the handler exports.

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

function routeOf(file: string): { path: string; methods: string[] } {
  const segments = path
    .relative("app", path.dirname(file))
    .split(path.sep)
    .filter((segment) => !/^\(.*\)$/.test(segment));
  const source = fs.readFileSync(file, "utf8");
  const methods = new Set<string>();
  for (const match of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)) methods.add(match[1]);
  for (const match of source.matchAll(/\w+\s+as\s+(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g)) methods.add(match[1]);
  return { path: `/${segments.join("/")}`, methods: [...methods].sort() };
}

describe("the route table", () => {
  it("lists every route handler in app/ with the methods it exports", () => {
    const fromFiles = routeFiles("app").map(routeOf).sort((a, b) => a.path.localeCompare(b.path));
    const fromTable = ROUTES.map((route) => ({ path: route.path, methods: [...route.methods].sort() })).sort((a, b) => a.path.localeCompare(b.path));
    expect(fromTable).toEqual(fromFiles);
  });
});
