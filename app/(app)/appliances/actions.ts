"use server";

import type { BulkActionState } from "@/components/bulk-test";
import { sessionCaller } from "@/lib/auth/current-actor";
import { runAction } from "@/lib/http/action-state";
import { requestBulkTestTransmissions } from "@/lib/test-transmissions/request-bulk-test-transmissions";

const FILTERS = ["status", "tenant", "region", "readiness"] as const;

/** The fleet page's bulk test: one request per appliance matching its filters. */
export async function bulkTestAction(_previous: BulkActionState, form: FormData): Promise<BulkActionState> {
  let bulkId: string | undefined;
  const state = await runAction(async () => {
    const { db, actor } = await sessionCaller();
    const filter = Object.fromEntries(FILTERS.flatMap((key) => (form.get(key) ? [[key, String(form.get(key))]] : [])));
    // The button reads "on all N matching": with no filter on the page, that is the whole fleet, said explicitly.
    const result = await requestBulkTestTransmissions(db, actor, Object.keys(filter).length > 0 ? filter : { all: true });
    bulkId = result.created > 0 ? result.bulkId : undefined;
    return result.created > 0
      ? `Requested ${result.created} test transmissions${result.alreadyOpen ? ` (${result.alreadyOpen} already under way)` : ""}.`
      : `All ${result.matched} already have a test transmission under way.`;
  });
  return { ok: state.ok, message: state.message, bulkId };
}
