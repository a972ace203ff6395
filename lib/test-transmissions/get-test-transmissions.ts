import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { findAppliance } from "@/lib/appliances/internal/find-appliance";
import type { Database } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { toTestTransmissionView } from "./test-transmission-view";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getTestTransmission(db: Database, actor: Actor | null, id: string) {
  authorize(actor, "viewer");
  if (!uuidPattern.test(id)) throw new ValidationError("id: must be a test transmission id", "id");
  const row = await db.prisma.testTransmission.findUnique({ where: { id } });
  if (!row) throw new NotFoundError("The test transmission");
  return toTestTransmissionView(row);
}

/** An appliance's newest test transmissions, by appliance id or name (checked only once the caller may read). */
export async function listTestTransmissions(db: Database, actor: Actor | null, idOrName: string, limit = 20) {
  authorize(actor, "viewer");
  const appliance = await findAppliance(db, idOrName);
  const rows = await db.prisma.testTransmission.findMany({
    where: { applianceId: appliance.id },
    orderBy: { requestedAt: "desc" },
    take: limit,
  });
  return rows.map(toTestTransmissionView);
}

/** The failures a bulk summary names; more are counted, not listed. */
export const BULK_FAILURES_LISTED = 200;

export interface BulkFailure {
  testTransmissionId: string;
  applianceId: string;
  name: string;
  status: "failed" | "error";
  /** What the ZVM (or the collector, or the worker) said. */
  detail: string | null;
}

/** Progress of a bulk request: counts by status, and the appliances whose test failed or could not run, with why. */
export async function getBulkProgress(db: Database, actor: Actor | null, bulkId: string) {
  authorize(actor, "viewer");
  if (!uuidPattern.test(bulkId)) throw new ValidationError("bulkId: must be a bulk id", "bulkId");
  const [groups, failedRows] = await Promise.all([
    db.prisma.testTransmission.groupBy({ by: ["status"], where: { bulkId }, _count: { _all: true } }),
    db.prisma.testTransmission.findMany({
      where: { bulkId, status: { in: ["failed", "error"] } },
      select: { id: true, applianceId: true, status: true, detail: true, appliance: { select: { name: true } } },
      orderBy: [{ finishedAt: "asc" }, { id: "asc" }],
      take: BULK_FAILURES_LISTED,
    }),
  ]);
  if (groups.length === 0) throw new NotFoundError("The bulk request");
  const counts = { pending: 0, running: 0, passed: 0, failed: 0, error: 0 };
  for (const group of groups) counts[group.status] = group._count._all;
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const failures: BulkFailure[] = failedRows.map((row) => ({
    testTransmissionId: row.id,
    applianceId: row.applianceId,
    name: row.appliance.name,
    status: row.status as BulkFailure["status"],
    detail: row.detail,
  }));
  return { bulkId, total, done: counts.passed + counts.failed + counts.error, ...counts, failures };
}
