"use server";

import { revalidatePath } from "next/cache";
import { sessionActor } from "@/lib/auth/current-actor";
import { getDb } from "@/lib/db";
import { runAction, type ActionState } from "@/lib/http/action-state";
import { addUser } from "@/lib/users/add-user";
import { updateUser } from "@/lib/users/update-user";

export async function addUserAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const db = await getDb();
    const user = await addUser(db, await sessionActor(db), {
      email: form.get("email"),
      name: form.get("name") || undefined,
      role: form.get("role"),
      password: form.get("password"),
    });
    revalidatePath("/admin/users");
    return `Added ${user.email} as ${user.role}.`;
  });
}

export async function updateUserAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const db = await getDb();
    const disabled = form.get("disabled");
    const user = await updateUser(db, await sessionActor(db), {
      id: form.get("id"),
      role: form.get("role") || undefined,
      disabled: disabled === null ? undefined : disabled === "true",
    });
    revalidatePath("/admin/users");
    return `${user.email} is now ${user.role}${user.disabled ? " (disabled)" : ""}.`;
  });
}
