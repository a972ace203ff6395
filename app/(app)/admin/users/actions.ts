"use server";

import { revalidatePath } from "next/cache";
import { sessionCaller } from "@/lib/auth/current-actor";
import { runAction, type ActionState } from "@/lib/http/action-state";
import { addUser } from "@/lib/users/add-user";
import { deleteUser } from "@/lib/users/delete-user";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import { updateUser } from "@/lib/users/update-user";

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

export async function addUserAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const user = await addUser(db, actor, {
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
    const { db, actor } = await sessionCaller();
    const access = form.get("access");
    const user = await updateUser(db, actor, {
      id: form.get("id"),
      role: form.get("role") || undefined,
      disabled: access === null ? undefined : access === "Disabled",
    });
    revalidatePath("/admin/users");
    return `${user.email} is now ${user.role}, ${user.disabled ? "disabled" : "active"}.`;
  });
}

export async function resetPasswordAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const password = text(form, "password");
    const result = await resetUserPassword(db, actor, { id: form.get("id"), password: password === "" ? undefined : password });
    return result.generated
      ? { message: `New password set for ${result.email}; give it to them over a safe channel.`, secret: result.generated }
      : `New password set for ${result.email}.`;
  });
}

export async function deleteUserAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const deleted = await deleteUser(db, actor, text(form, "id"));
    revalidatePath("/admin/users");
    return `Deleted ${deleted.email}.`;
  });
}
