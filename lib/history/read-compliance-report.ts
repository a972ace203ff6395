import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { firstValues, type SearchParams } from "@/lib/http/search-params";
import { getComplianceReport, type ComplianceReport } from "./get-compliance-report";

/**
 * The report a page asked for; a period it cannot name (a typo, a month to come)
 * falls back to the default period and says why, rather than failing the page.
 */
export async function readComplianceReport(
  db: Database,
  actor: Actor | null,
  params: SearchParams,
  now: Date,
): Promise<{ report: ComplianceReport; problem: string | null }> {
  const query = firstValues(params);
  try {
    return { report: await getComplianceReport(db, actor, query, now), problem: null };
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const fallback = await getComplianceReport(db, actor, { appliances: query.appliances === "all" ? "all" : undefined }, now);
    return { report: fallback, problem: `${error.message} Showing ${fallback.period.label} instead.` };
  }
}
