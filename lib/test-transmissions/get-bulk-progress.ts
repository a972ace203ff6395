import { authorize } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/roles";
import { findAppliance } from "@/lib/appliances/internal/find-appliance";
import type { Database } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { TEST_TRANSMISSION_ID_PATTERN } from "./test-transmission-id";

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
  if (!TEST_TRANSMISSION_ID_PATTERN.test(bulkId)) throw new ValidationError("bulkId: must be a bulk id", "bulkId");
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
