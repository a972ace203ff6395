import type { Database } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import type { AlertChannel, AlertRoute } from "@/lib/generated/prisma/client";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findChannel(db: Database, id: string): Promise<AlertChannel & { routes: AlertRoute[] }> {
  if (!uuidPattern.test(id)) throw new ValidationError("id: must be a channel id", "id");
  const row = await db.prisma.alertChannel.findUnique({ where: { id }, include: { routes: true } });
  if (!row) throw new NotFoundError("The channel");
  return row;
}
