"use server";

import { revalidatePath } from "next/cache";
import { sessionCaller } from "@/lib/auth/current-actor";
import { runAction, type ActionState } from "@/lib/http/action-state";
import { createApiToken } from "@/lib/tokens/create-api-token";
import { revokeApiToken } from "@/lib/tokens/revoke-api-token";

export async function createTokenAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const tags = String(form.get("tags") ?? "")
      .split(",")
      .map((tag) => tag.trim())
      .filter(Boolean);
    const { token, record } = await createApiToken(db, actor, {
      name: form.get("name"),
      role: form.get("role"),
      scope: tags.length > 0 ? { tags } : undefined,
    });
    revalidatePath("/admin/tokens");
    return { message: `Created token "${record.name}" (${record.role}).`, secret: token };
  });
}

export async function revokeTokenAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  return runAction(async () => {
    const { db, actor } = await sessionCaller();
    const token = await revokeApiToken(db, actor, String(form.get("id") ?? ""));
    revalidatePath("/admin/tokens");
    return `Revoked "${token.name}".`;
  });
}
