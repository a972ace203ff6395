"use server";

import { revalidatePath } from "next/cache";
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { createSilence } from "@/lib/alerts/create-silence";
import { endSilence } from "@/lib/alerts/end-silence";
import { sessionActor } from "@/lib/auth/current-actor";
import { getDb } from "@/lib/db";
import { runAction, type ActionState } from "@/lib/http/action-state";

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

export async function acknowledgeAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const db = await getDb();
    const alert = await acknowledgeAlert(db, await sessionActor(db), text(form, "id"));
    revalidatePath("/alerts");
    return `Acknowledged: ${alert.conditionLabel} on ${alert.appliance.name}.`;
  });
}

export async function silenceApplianceAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const db = await getDb();
    const silence = await createSilence(db, await sessionActor(db), {
      applianceId: text(form, "applianceId"),
      condition: text(form, "scope") === "condition" ? text(form, "condition") : undefined,
      durationMinutes: Number(text(form, "durationMinutes")),
      reason: text(form, "reason"),
    });
    revalidatePath("/alerts");
    return `Silenced ${silence.appliance?.name ?? "the appliance"}${silence.condition ? ` (${silence.condition})` : ""} until ${silence.endsAt.replace("T", " ").slice(0, 16)} UTC.`;
  });
}

export async function endSilenceAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const db = await getDb();
    await endSilence(db, await sessionActor(db), text(form, "id"));
    revalidatePath("/alerts");
    revalidatePath("/admin/channels");
    return "Ended; held notifications go out if their alerts still hold.";
  });
}
