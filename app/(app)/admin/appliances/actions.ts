"use server";

import { revalidatePath } from "next/cache";
import { importAppliancesCsv } from "@/lib/appliances/import-appliances-csv";
import { addAppliance } from "@/lib/appliances/add-appliance";
import { removeAppliance } from "@/lib/appliances/remove-appliance";
import { sessionCaller } from "@/lib/auth/current-actor";
import { DetailedAppError, ValidationError, type AppError } from "@/lib/errors";
import { runAction, type ActionState } from "@/lib/http/action-state";

const optional = (form: FormData, name: string) => {
  const value = String(form.get(name) ?? "").trim();
  return value === "" ? undefined : value;
};

export async function addApplianceAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const fingerprint = optional(form, "tlsFingerprintSha256");
    const labels = optional(form, "labels")?.split(",").map((label) => label.trim()).filter(Boolean);
    const { appliance, check } = await addAppliance(db, actor, {
      name: optional(form, "name"),
      kind: optional(form, "kind"),
      role: optional(form, "role"),
      mode: optional(form, "mode"),
      url: optional(form, "url"),
      username: optional(form, "username"),
      password: optional(form, "password"),
      authScheme: optional(form, "authScheme"),
      tlsFingerprintSha256: fingerprint,
      trustOnFirstUse: !fingerprint && form.get("trustOnFirstUse") === "on",
      tags: {
        ...(optional(form, "tenant") ? { tenant: optional(form, "tenant") } : {}),
        ...(optional(form, "region") ? { region: optional(form, "region") } : {}),
        ...(labels?.length ? { labels } : {}),
      },
      check: form.get("skipCheck") !== "on",
    });
    revalidatePath("/admin/appliances");
    if (check.ok === false) return `Added ${appliance.name}, but the first try failed: ${check.message} Fix it with Edit; until a poll succeeds it shows why.`;
    return `Added ${appliance.name}: ${check.message}.`;
  }, trustConfirmation);
}

/** An untrusted certificate: offer to pin the fingerprint it showed and add again. */
function trustConfirmation(error: AppError): ActionState["confirm"] {
  if (!(error instanceof DetailedAppError) || error.code !== "certificate_not_trusted") return undefined;
  const fingerprint = (error.details.check as { peerFingerprint?: unknown } | undefined)?.peerFingerprint;
  if (typeof fingerprint !== "string") return undefined;
  return { question: error.message, field: "tlsFingerprintSha256", value: fingerprint, label: "Trust this certificate and add" };
}

const MAX_CSV_BYTES = 5 * 1024 * 1024;

export async function importCsvAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw new ValidationError("file: choose a CSV file", "file");
    if (file.size > MAX_CSV_BYTES) throw new ValidationError("file: larger than 5 MB", "file");
    const { db, actor } = await sessionCaller();
    const result = await importAppliancesCsv(db, actor, await file.text());
    revalidatePath("/admin/appliances");
    const problems = result.errors.slice(0, 10).map((error) => `line ${error.line}: ${error.error}`);
    const more = result.errors.length > 10 ? ` (and ${result.errors.length - 10} more)` : "";
    return `Added ${result.added.length}; ${result.errors.length} rejected${problems.length ? `: ${problems.join("; ")}${more}` : ""}.`;
  });
}

export async function removeApplianceAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const removed = await removeAppliance(db, actor, String(form.get("id") ?? ""), {
      confirmName: String(form.get("confirmName") ?? ""),
    });
    revalidatePath("/admin/appliances");
    return `Removed ${removed.name}.`;
  });
}
