import type { TestTransmission } from "@/lib/generated/prisma/client";

export interface TestTransmissionView {
  id: string;
  applianceId: string;
  bulkId: string | null;
  status: TestTransmission["status"];
  requestedBy: string;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  detail: string | null;
}

export function toTestTransmissionView(row: TestTransmission): TestTransmissionView {
  return {
    id: row.id,
    applianceId: row.applianceId,
    bulkId: row.bulkId,
    status: row.status,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    detail: row.detail,
  };
}
