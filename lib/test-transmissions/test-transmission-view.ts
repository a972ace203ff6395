import { z } from "zod";
import type { TestTransmission } from "@/lib/generated/prisma/client";

/** A test transmission as the API answers it; the OpenAPI document's shape is generated from this schema. */
export const testTransmissionViewSchema = z.object({
  id: z.uuid(),
  applianceId: z.uuid(),
  bulkId: z.string().nullable(),
  status: z.enum(["pending", "running", "passed", "failed", "error"]),
  requestedBy: z.string(),
  requestedAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
  detail: z.string().nullable(),
}) satisfies z.ZodType<{ status: TestTransmission["status"] }>;

export type TestTransmissionView = z.infer<typeof testTransmissionViewSchema>;

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
