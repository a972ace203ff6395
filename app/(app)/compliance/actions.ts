"use server";

import type { BulkActionState } from "@/components/bulk-test";
import { sessionCaller } from "@/lib/auth/current-actor";
import { requestBillingDayTests } from "@/lib/fleet/request-billing-day-tests";
import { runAction } from "@/lib/http/action-state";

export async function billingDayTestsAction(_previous: BulkActionState, _form: FormData): Promise<BulkActionState> {
  let bulkId: string | undefined;
  const state = await runAction(async () => {
    const { db, actor } = await sessionCaller();
    const result = await requestBillingDayTests(db, actor);
    bulkId = result.created > 0 ? result.bulkId : undefined;
    return result.created > 0
      ? `Requested ${result.created} test transmissions${result.alreadyOpen ? ` (${result.alreadyOpen} already under way)` : ""}.`
      : `All ${result.matched} already have a test transmission under way.`;
  });
  return { ok: state.ok, message: state.message, bulkId };
}
