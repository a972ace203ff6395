"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { runAction, type ActionState } from "@/lib/http/action-state";
import { createFirstAdmin } from "@/lib/users/create-first-admin";

export async function createFirstAdminAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const password = String(form.get("password") ?? "");
  if (password !== String(form.get("confirm") ?? "")) {
    return { ok: false, message: "The two passwords differ.", field: "confirm" };
  }
  const state = await runAction(async () => {
    await createFirstAdmin(await getDb(), { email: form.get("email"), name: form.get("name") || undefined, password });
    return "Administrator created.";
  });
  if (state.ok) redirect("/signin?created=1");
  return state;
}
