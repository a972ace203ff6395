"use server";

import { revalidatePath } from "next/cache";
import { acknowledgeAlert } from "@/lib/alerts/acknowledge-alert";
import { acknowledgeAlerts } from "@/lib/alerts/acknowledge-alerts";
import { createSilence } from "@/lib/alerts/create-silence";
import { endSilence } from "@/lib/alerts/end-silence";
import { silenceAlerts } from "@/lib/alerts/silence-alerts";
import { silenceMinutesOf } from "@/lib/alerts/silence-duration";
import { sessionCaller } from "@/lib/auth/current-actor";
import { runAction, type ActionState } from "@/lib/http/action-state";

const text = (form: FormData, name: string) => String(form.get(name) ?? "").trim();

/** The silence length the form asks for: a preset, or an amount of minutes, hours or days. */
const durationOf = (form: FormData) =>
  silenceMinutesOf({ preset: text(form, "durationMinutes"), amount: text(form, "durationAmount") || undefined, unit: text(form, "durationUnit") || undefined });

const until = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

export async function acknowledgeAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const alert = await acknowledgeAlert(db, actor, text(form, "id"));
    revalidatePath("/alerts");
    return `Acknowledged: ${alert.conditionLabel} on ${alert.appliance.name}.`;
  });
}

export async function silenceApplianceAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const silence = await createSilence(db, actor, {
      applianceId: text(form, "applianceId"),
      condition: text(form, "scope") === "condition" ? text(form, "condition") : undefined,
      durationMinutes: durationOf(form),
      reason: text(form, "reason"),
    });
    revalidatePath("/alerts");
    return `Silenced ${silence.appliance?.name ?? "the appliance"}${silence.condition ? ` (${silence.condition})` : ""} until ${until(silence.endsAt)}.`;
  });
}

export async function endSilenceAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    await endSilence(db, actor, text(form, "id"));
    revalidatePath("/alerts");
    revalidatePath("/admin/channels");
    return "Ended; held notifications go out if their alerts still hold.";
  });
}

export async function acknowledgeSelectedAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const result = await acknowledgeAlerts(db, actor, form.getAll("ids").map(String));
    revalidatePath("/alerts");
    const skipped = result.skipped.length ? `; ${result.skipped.length} skipped (${[...new Set(result.skipped.map((item) => item.reason))].join(" ")})` : "";
    return `Acknowledged ${result.acknowledged.length} alert${result.acknowledged.length === 1 ? "" : "s"}${skipped}.`;
  });
}

export async function silenceSelectedAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const silences = await silenceAlerts(db, actor, {
      ids: form.getAll("ids").map(String),
      scope: text(form, "scope") === "condition" ? "condition" : "appliance",
      durationMinutes: durationOf(form),
      reason: text(form, "reason"),
    });
    revalidatePath("/alerts");
    const names = [...new Set(silences.map((silence) => silence.appliance?.name ?? "?"))];
    return `Silenced ${names.join(", ")} until ${until(silences[0].endsAt)}.`;
  });
}
