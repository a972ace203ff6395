import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { toChannelView, type ChannelView } from "./channel-view";
import { findChannel } from "./internal/find-channel";

async function queueCounts(db: Database, channelIds: string[]): Promise<Map<string, { pending: number; failed: number }>> {
  const groups = await db.prisma.alertMessage.groupBy({
    by: ["channelId", "status"],
    where: { channelId: { in: channelIds }, status: { in: ["pending", "failed"] } },
    _count: { _all: true },
  });
  const counts = new Map<string, { pending: number; failed: number }>();
  for (const group of groups) {
    const entry = counts.get(group.channelId) ?? { pending: 0, failed: 0 };
    if (group.status === "pending") entry.pending = group._count._all;
    if (group.status === "failed") entry.failed = group._count._all;
    counts.set(group.channelId, entry);
  }
  return counts;
}

/** Operators read the channels (what goes where); only admins change them. Secrets are never in a view. */
export async function listChannels(db: Database, actor: Actor | null): Promise<ChannelView[]> {
  authorize(actor, "operator");
  const rows = await db.prisma.alertChannel.findMany({ include: { routes: true }, orderBy: { name: "asc" } });
  const counts = await queueCounts(db, rows.map((row) => row.id));
  return rows.map((row) => toChannelView(row, counts.get(row.id)));
}

export async function getChannel(db: Database, actor: Actor | null, id: string): Promise<ChannelView> {
  authorize(actor, "admin");
  const row = await findChannel(db, id);
  return toChannelView(row, (await queueCounts(db, [row.id])).get(row.id));
}
