import type { SendSource } from "@/lib/billing";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Stores a proof of a send attempt as evidence. Success moves
 * lastSuccessfulSendAt forward (never back) and clears the failure chain; a
 * failure after the last success starts the chain if none is running.
 */
export async function recordSendResult(
  client: Prisma.TransactionClient,
  applianceId: string,
  result: "passed" | "failed",
  at: Date,
  source: SendSource,
): Promise<void> {
  if (result === "passed") {
    await client.$executeRaw`
      UPDATE "Appliance" SET
        "lastSuccessfulSendSource" = CASE WHEN "lastSuccessfulSendAt" IS NULL OR "lastSuccessfulSendAt" <= ${at} THEN ${source} ELSE "lastSuccessfulSendSource" END,
        "lastSuccessfulSendAt" = GREATEST("lastSuccessfulSendAt", ${at}),
        "firstFailureAfterSuccessAt" = CASE WHEN "firstFailureAfterSuccessAt" <= ${at} THEN NULL ELSE "firstFailureAfterSuccessAt" END,
        "updatedAt" = now()
      WHERE id = ${applianceId}::uuid`;
    return;
  }
  await client.$executeRaw`
    UPDATE "Appliance" SET
      "firstFailureAfterSuccessAt" = LEAST("firstFailureAfterSuccessAt", ${at}),
      "updatedAt" = now()
    WHERE id = ${applianceId}::uuid AND ("lastSuccessfulSendAt" IS NULL OR "lastSuccessfulSendAt" < ${at})`;
}
