import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { AlertView } from "./alert-view";
import { listAlerts } from "./list-alerts";

export interface AlertsPage {
  filters: { status: string; severity?: string; condition?: string; q?: string };
  items: AlertView[];
  nextHref: string | null;
  /** A filter the list could not apply, said on the page instead of failing it. */
  problem: string | null;
}

/** The alerts page's list: its filters from the URL, most severe first, and the link to the next page. */
export async function listAlertsPage(db: Database, actor: Actor | null, params: Record<string, string>, now: Date): Promise<AlertsPage> {
  const filters = {
    status: params.status || "open,acknowledged",
    severity: params.severity || undefined,
    condition: params.condition || undefined,
    q: params.q || undefined,
  };
  try {
    const page = await listAlerts(db, actor, { ...filters, cursor: params.cursor || undefined, sort: "severity" }, now);
    const keep = Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])));
    const nextHref = page.nextCursor ? `/alerts?${new URLSearchParams({ ...keep, cursor: page.nextCursor })}` : null;
    return { filters, items: page.items, nextHref, problem: null };
  } catch (error) {
    if (error instanceof AppError) return { filters, items: [], nextHref: null, problem: error.message };
    throw error;
  }
}
