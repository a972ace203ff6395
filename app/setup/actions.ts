"use server";

import { runAction, type ActionState } from "@/lib/http/action-state";
import { submitFirstAdmin } from "@/lib/users/create-first-admin";

/** Creates the first administrator; the form then signs them in with what they typed. */
export async function createFirstAdminAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirm") ?? "")) {
    return { ok: false, message: "The two passwords differ.", field: "confirm" };
  }
  return runAction(async () => {
    const admin = await submitFirstAdmin({ email: form.get("email"), name: form.get("name") || undefined, password });
    return `Administrator ${admin.email} created.`;
  });
}
