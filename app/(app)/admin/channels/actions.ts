"use server";

import { revalidatePath } from "next/cache";
import { createSilenceForAppliance } from "@/lib/alerts/create-silence";
import { updateAlertingSettings } from "@/lib/alerts/update-alerting-settings";
import { sessionCaller } from "@/lib/auth/current-actor";
import { createChannel } from "@/lib/channels/create-channel";
import { deleteChannel } from "@/lib/channels/delete-channel";
import { testChannel } from "@/lib/channels/test-channel";
import { updateChannel } from "@/lib/channels/update-channel";
import { ValidationError } from "@/lib/errors";
import { runAction, type ActionState } from "@/lib/http/action-state";
import { channelFieldsOf, formList, formText, routesOf } from "./form-input";

export async function createChannelAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const { channel, signingSecret, openAlertsQueued } = await createChannel(db, actor, {
      type: formText(form, "type"),
      name: formText(form, "name"),
      ...channelFieldsOf(form),
      routes: routesOf(form, 1),
      sendOpenAlerts: form.get("sendOpenAlerts") === "on",
    });
    revalidatePath("/admin/channels");
    const message = `Added channel "${channel.name}" (${channel.type}).${openAlertsQueued > 0 ? ` ${openAlertSentence(openAlertsQueued)}` : ""}`;
    return signingSecret ? { message: `${message} Its signing secret is below; receivers verify X-Lifeline-Signature with it.`, secret: signingSecret } : message;
  });
}

export async function updateChannelAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const id = formText(form, "id") ?? "";
    const channel = await updateChannel(db, actor, id, {
      name: formText(form, "name"),
      enabled: form.get("enabled") === "on",
      ...channelFieldsOf(form),
      routes: routesOf(form, Number(formText(form, "routeRows") ?? "0")),
      sendOpenAlerts: form.get("sendOpenAlerts") === "on",
    });
    revalidatePath("/admin/channels");
    revalidatePath(`/admin/channels/${id}`);
    return `Saved "${channel.name}".${channel.openAlertsQueued > 0 ? ` ${openAlertSentence(channel.openAlertsQueued)}` : ""}`;
  });
}

const openAlertSentence = (count: number) =>
  `${count} open alert${count === 1 ? " goes" : "s go"} to it now, once, as one message.`;

export async function testChannelAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const result = await testChannel(db, actor, formText(form, "id") ?? "");
    revalidatePath("/admin/channels");
    if (!result.ok) throw new ValidationError(`Test failed: ${result.detail}`);
    return `Test delivered: ${result.detail}.`;
  });
}

export async function deleteChannelAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const removed = await deleteChannel(db, actor, formText(form, "id") ?? "");
    revalidatePath("/admin/channels");
    return `Deleted "${removed.name}".`;
  });
}

export async function alertingSettingsAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const reminders = formList(formText(form, "reminderDays")) ?? [];
    await updateAlertingSettings(db, actor, {
      allowedTargets: formList(formText(form, "allowedTargets")) ?? [],
      groupWindowSeconds: Number(formText(form, "groupWindowSeconds") ?? "60"),
      reminderDays: reminders.map(Number),
      publicUrl: formText(form, "publicUrl") ?? null,
    });
    revalidatePath("/admin/channels");
    return "Alerting settings saved.";
  });
}

/** A datetime-local value, read as UTC. */
function utc(value: string | undefined, field: string): string {
  if (!value) throw new ValidationError(`${field}: is required`, field);
  const parsed = new Date(`${value}${value.length === 16 ? ":00" : ""}Z`);
  if (Number.isNaN(parsed.getTime())) throw new ValidationError(`${field}: is not a time`, field);
  return parsed.toISOString();
}

export async function maintenanceWindowAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const window = await createSilenceForAppliance(db, actor, formText(form, "appliance"), {
      kind: "maintenance",
      tag: formText(form, "tag"),
      startsAt: utc(formText(form, "startsAt"), "startsAt"),
      endsAt: utc(formText(form, "endsAt"), "endsAt"),
      reason: formText(form, "reason"),
    });
    revalidatePath("/admin/channels");
    revalidatePath("/alerts");
    return `Maintenance window scheduled for ${window.appliance?.name ?? window.tag}.`;
  });
}
