import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";

export async function listUsers(db: Database, actor: Actor | null) {
  authorize(actor, "admin");
  return db.prisma.user.findMany({
    orderBy: { email: "asc" },
    select: { id: true, email: true, name: true, role: true, disabled: true, createdAt: true, lastSignInAt: true },
  });
}
