-- CreateTable
CREATE TABLE "Heartbeat" (
    "applianceId" UUID NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "collectorTokenId" UUID,
    "billingAlertActive" BOOLEAN,

    CONSTRAINT "Heartbeat_pkey" PRIMARY KEY ("applianceId","observedAt")
);

-- CreateIndex
CREATE INDEX "Heartbeat_observedAt_idx" ON "Heartbeat"("observedAt");

