import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { auditedChange } from "@/lib/audit/record-audit";
import type { Database } from "@/lib/db";
import { findChannel } from "./internal/find-channel";

/** Removes a channel, its routing rules and its undelivered messages. */
export async function deleteChannel(db: Database, actor: Actor | null, id: string): Promise<{ id: string; name: string }> {
  authorize(actor, "admin");
  const row = await findChannel(db, id);
  await auditedChange(
    db,
    (tx) => tx.alertChannel.delete({ where: { id: row.id } }),
    () => ({ actor, action: "channel.delete", target: `channel:${row.name}`, result: "ok" }),
  );
  return { id: row.id, name: row.name };
}
