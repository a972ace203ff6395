import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";

export interface RecentHeartbeat {
  observedAt: Date;
  receivedAt: Date;
  billingAlertActive: boolean | null;
  /** The collector token's name; null when the token was deleted. */
  collector: string | null;
}

/** A reporting appliance's latest heartbeats, newest first: when each was read, when it arrived, and from which collector. */
export async function listRecentHeartbeats(db: Database, actor: Actor | null, applianceId: string, limit = 10): Promise<RecentHeartbeat[]> {
  authorize(actor, "viewer");
  return db.prisma.$queryRaw<RecentHeartbeat[]>`
    SELECT h."observedAt", h."receivedAt", h."billingAlertActive", t.name AS collector
    FROM "Heartbeat" h LEFT JOIN "ApiToken" t ON t.id = h."collectorTokenId"
    WHERE h."applianceId" = ${applianceId}::uuid
    ORDER BY h."observedAt" DESC
    LIMIT ${Math.min(Math.max(limit, 1), 100)}`;
}
