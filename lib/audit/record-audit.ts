import type { Database } from "@/lib/db";
import type { Actor } from "@/lib/auth/roles";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface AuditEntry {
  actor: Actor;
  action: string;
  target?: string | null;
  result: "ok" | "denied" | "failed" | string;
  detail?: Prisma.InputJsonValue;
}

export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await db.prisma.auditLog.create({
    data: {
      actor: entry.actor.label,
      actorType: entry.actor.kind,
      action: entry.action,
      target: entry.target ?? null,
      result: entry.result,
      detail: entry.detail,
    },
  });
}
