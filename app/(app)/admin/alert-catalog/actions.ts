"use server";

import { revalidatePath } from "next/cache";
import { markAlertKind } from "@/lib/alert-catalog/mark-alert-kind";
import { sessionCaller } from "@/lib/auth/current-actor";
import { runAction, type ActionState } from "@/lib/http/action-state";

/** One click on the catalogue: recognise a help identifier as a billing or disconnection alert, or neither. */
export async function markAlertKindAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const helpIdentifier = String(form.get("helpIdentifier") ?? "");
    const as = String(form.get("recognisedAs") ?? "");
    await markAlertKind(db, actor, { helpIdentifier, recognisedAs: as === "" ? null : as });
    revalidatePath("/admin/alert-catalog");
    return as === ""
      ? `${helpIdentifier} is no longer recognised as a billing or disconnection alert.`
      : `${helpIdentifier} is now recognised as a ${as} alert; every appliance's next reading applies it.`;
  });
}
