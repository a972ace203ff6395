import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { AppError, ValidationError } from "@/lib/errors";
import { parseCsv } from "@/lib/csv/csv";
import { registerAppliance } from "./register-appliance";

const MAX_ROWS = 20_000;
export const APPLIANCE_CSV_COLUMNS = ["name", "kind", "role", "mode", "url", "username", "password", "authScheme", "tlsFingerprintSha256", "trustOnFirstUse", "tenant", "region", "vcenter", "labels"] as const;
const REQUIRED = ["name", "kind", "role", "mode", "url"] as const;

/** The file's rows without blank ones; a broken quote is named as the file's fault. */
function readRows(text: string): string[][] {
  try {
    return parseCsv(text).filter((cells) => cells.some((cell) => cell.trim() !== ""));
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(`file: ${error.message}`, "file");
    throw error;
  }
}

export interface ImportResult {
  added: string[];
  errors: { line: number; name: string | null; error: string }[];
}

/**
 * Registers every row of a CSV (header line first, columns by name). A bad row
 * is reported with its line number and does not stop the good ones.
 */
export async function importAppliancesCsv(db: Database, actor: Actor | null, text: string): Promise<ImportResult> {
  authorize(actor, "admin");
  const [header, ...rows] = readRows(text);
  if (!header) throw new ValidationError("file: the CSV is empty");
  const names = header.map((cell) => cell.trim());
  const unknown = names.filter((name) => !(APPLIANCE_CSV_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new ValidationError(`file: unknown column(s) ${unknown.join(", ")}; known: ${APPLIANCE_CSV_COLUMNS.join(", ")}`);
  const missing = REQUIRED.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new ValidationError(`file: missing column(s) ${missing.join(", ")}`);
  if (rows.length > MAX_ROWS) throw new ValidationError(`file: more than ${MAX_ROWS} rows; split it`);
  const result: ImportResult = { added: [], errors: [] };
  for (const [index, cells] of rows.entries()) {
    const value = (column: string) => {
      const at = names.indexOf(column);
      const cell = at >= 0 ? cells[at]?.trim() : undefined;
      return cell === "" ? undefined : cell;
    };
    const tags = {
      tenant: value("tenant"),
      region: value("region"),
      vcenter: value("vcenter"),
      labels: value("labels")?.split(/[;|]/).map((label) => label.trim()).filter(Boolean),
    };
    const trust = value("trustOnFirstUse");
    try {
      const appliance = await registerAppliance(db, actor, {
        name: value("name"),
        kind: value("kind"),
        role: value("role"),
        mode: value("mode"),
        url: value("url"),
        username: value("username"),
        password: value("password"),
        authScheme: value("authScheme"),
        tlsFingerprintSha256: value("tlsFingerprintSha256"),
        trustOnFirstUse: trust === undefined ? undefined : /^(true|yes|1)$/i.test(trust),
        tags: Object.fromEntries(Object.entries(tags).filter(([, tag]) => tag !== undefined)),
      });
      result.added.push(appliance.name);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.errors.push({ line: index + 2, name: value("name") ?? null, error: error.message });
    }
  }
  return result;
}
