import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// app/ reaches data only through verbs that take the caller: it may not import
// the database module, the Prisma client, or any lib/**/internal module (the
// actor-less helpers such as findAppliance and getSettings), nor touch
// `.prisma` itself. The project has no ESLint, so this test is the rule.

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

/** Every module a source names: static imports and re-exports, dynamic import(), require(). */
function specifiersOf(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']/g)) found.push(match[1]);
  for (const match of source.matchAll(/import\s*["']([^"']+)["']/g)) found.push(match[1]);
  for (const match of source.matchAll(/(?:import|require)\s*\(\s*["']([^"']+)["']\s*\)/g)) found.push(match[1]);
  return found;
}

/** Where a specifier points, as a path from the project root (for relative ones, from `file`). */
function targetOf(file: string, specifier: string): string {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.normalize(path.join(path.dirname(file), specifier)).split(path.sep).join("/");
  return specifier;
}

/** Why `file` (with `source`) crosses the boundary, one line per crossing; empty when it does not. */
function boundaryCrossings(file: string, source: string): string[] {
  const problems: string[] = [];
  for (const specifier of specifiersOf(source)) {
    const target = targetOf(file, specifier);
    if (target === "lib/db" || target.startsWith("lib/db/")) problems.push(`${file}: imports ${specifier} (the database); call a verb that takes the actor`);
    else if (target.startsWith("lib/generated/prisma") || target.startsWith("@prisma/")) problems.push(`${file}: imports ${specifier} (the Prisma client)`);
    else if (/(^|\/)internal(\/|$)/.test(target)) problems.push(`${file}: imports ${specifier} (an internal, actor-less helper)`);
  }
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
  if (/\.prisma\b/.test(code)) problems.push(`${file}: queries .prisma directly; call a verb that takes the actor`);
  return problems;
}

describe("app/ reaches data only through verbs that take the actor", () => {
  it("no file in app/ imports the database, the Prisma client or an internal module, or queries .prisma", () => {
    const files = sourceFiles("app");
    expect(files.length).toBeGreaterThan(50);
    const problems = files.flatMap((file) => boundaryCrossings(file.split(path.sep).join("/"), fs.readFileSync(file, "utf8")));
    expect(problems).toEqual([]);
  });

  it.each([
    { source: 'import { getDb } from "@/lib/db";', crosses: true },
    { source: 'import type { Database } from "@/lib/db";', crosses: true },
    { source: 'import { openDatabase } from "@/lib/db/client";', crosses: true },
    { source: 'import { findAppliance } from "@/lib/appliances/internal/find-appliance";', crosses: true },
    { source: 'import { getSettings } from "../../../lib/settings/internal/get-settings";', crosses: true },
    { source: 'const { getSettings } = await import("@/lib/settings/internal/get-settings");', crosses: true },
    { source: 'export { findChannel } from "@/lib/channels/internal/find-channel";', crosses: true },
    { source: 'import type { Appliance } from "@/lib/generated/prisma/client";', crosses: true },
    { source: "const polls = await db.prisma.poll.findMany();", crosses: true },
    { source: 'import { getSettingsFor } from "@/lib/settings/get-settings-for";', crosses: false },
    { source: 'import { requirePageActor } from "@/lib/auth/page-guard";\n// db.prisma is not for pages', crosses: false },
  ])("$source crosses the boundary: $crosses", ({ source, crosses }) => {
    expect(boundaryCrossings("app/(app)/example/page.tsx", source).length > 0).toBe(crosses);
  });
});
