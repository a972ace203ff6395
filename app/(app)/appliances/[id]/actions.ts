"use server";

import { revalidatePath } from "next/cache";
import { requestPoll } from "@/lib/appliances/request-poll";
import { retrustCertificate } from "@/lib/appliances/retrust-certificate";
import { updateAppliance } from "@/lib/appliances/update-appliance";
import { sessionCaller } from "@/lib/auth/current-actor";
import { runAction, type ActionState } from "@/lib/http/action-state";
import { requestTestTransmission } from "@/lib/test-transmissions/request-test-transmission";

export async function pollNowAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const appliance = await requestPoll(db, actor, String(form.get("id") ?? ""));
    return `${appliance.name} will be polled within seconds.`;
  });
}

export async function testTransmissionAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const id = String(form.get("id") ?? "");
    const { transmission, created } = await requestTestTransmission(db, actor, id);
    revalidatePath(`/appliances/${id}`);
    return created ? `Test transmission requested (${transmission.id}).` : "A test transmission is already under way.";
  });
}

export async function retrustAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const id = String(form.get("id") ?? "");
    const appliance = await retrustCertificate(db, actor, id);
    revalidatePath(`/appliances/${id}`);
    return `The next poll of ${appliance.name} will trust and pin its current certificate.`;
  });
}

const EDITABLE = ["name", "kind", "role", "mode", "url", "username", "authScheme", "tlsFingerprintSha256", "tenant", "region", "vcenter", "labels"] as const;

/**
 * The edit form sends each field with its value when the form was drawn
 * (original.<field>); only changed fields are passed on, so an unchanged URL
 * or certificate pin does not reset what the poller learnt.
 */
export async function updateApplianceAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const id = String(form.get("id") ?? "");
    const value = (name: string) => String(form.get(name) ?? "").trim();
    const changed = new Set(EDITABLE.filter((name) => value(name) !== value(`original.${name}`)));
    const trustOnFirstUse = form.get("trustOnFirstUse") === "on";
    const labels = value("labels").split(",").map((label) => label.trim()).filter(Boolean);
    const tagsChanged = ["tenant", "region", "vcenter", "labels"].some((name) => changed.has(name as (typeof EDITABLE)[number]));
    const patch = {
      ...Object.fromEntries(
        (["name", "kind", "role", "mode", "url", "username", "authScheme"] as const).filter((name) => changed.has(name)).map((name) => [name, value(name)]),
      ),
      ...(changed.has("tlsFingerprintSha256") ? { tlsFingerprintSha256: value("tlsFingerprintSha256") || null } : {}),
      ...(trustOnFirstUse !== (value("original.trustOnFirstUse") === "on") ? { trustOnFirstUse } : {}),
      ...(value("password") ? { password: String(form.get("password")) } : {}),
      ...(tagsChanged
        ? {
            tags: {
              ...(value("tenant") ? { tenant: value("tenant") } : {}),
              ...(value("region") ? { region: value("region") } : {}),
              ...(value("vcenter") ? { vcenter: value("vcenter") } : {}),
              ...(labels.length ? { labels } : {}),
            },
          }
        : {}),
    };
    if (Object.keys(patch).length === 0) return "Nothing changed.";
    const updated = await updateAppliance(db, actor, id, patch);
    revalidatePath(`/appliances/${id}`);
    return `Saved ${updated.name}: ${Object.keys(patch).join(", ")} changed.`;
  });
}
