import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";

export interface RecentPoll {
  id: bigint;
  at: Date;
  ok: boolean;
  error: string | null;
  durationMs: number;
}

/** A polled appliance's latest polls, newest first: when, whether it read the ZVM, why not, and how long it took. */
export async function listRecentPolls(db: Database, actor: Actor | null, applianceId: string, limit = 10): Promise<RecentPoll[]> {
  authorize(actor, "viewer");
  return db.prisma.poll.findMany({
    where: { applianceId },
    orderBy: { at: "desc" },
    take: Math.min(Math.max(limit, 1), 100),
    select: { id: true, at: true, ok: true, error: true, durationMs: true },
  });
}
