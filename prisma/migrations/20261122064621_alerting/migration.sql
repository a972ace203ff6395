-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('info', 'warning', 'critical');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('open', 'acknowledged', 'resolved');

-- CreateEnum
CREATE TYPE "AlertChannelType" AS ENUM ('webhook', 'slack', 'teams', 'pagerduty', 'email');

-- CreateEnum
CREATE TYPE "AlertMessageStatus" AS ENUM ('pending', 'delivered', 'failed');

-- CreateEnum
CREATE TYPE "AlertSilenceKind" AS ENUM ('silence', 'maintenance');

-- CreateTable
CREATE TABLE "AlertState" (
    "applianceId" UUID NOT NULL,
    "memory" JSONB NOT NULL DEFAULT '{}',
    "seenUpdatedAt" TIMESTAMPTZ(3),
    "evaluatedAt" TIMESTAMPTZ(3),
    "nextDueAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertState_pkey" PRIMARY KEY ("applianceId")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "applianceId" UUID NOT NULL,
    "condition" TEXT NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "openKey" TEXT,
    "severity" "AlertSeverity" NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'open',
    "step" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastEventAt" TIMESTAMPTZ(3) NOT NULL,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedBy" TEXT,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedBy" TEXT,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" BIGSERIAL NOT NULL,
    "alertId" UUID NOT NULL,
    "condition" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "summary" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "heldUntil" TIMESTAMPTZ(3),
    "dispatchedAt" TIMESTAMPTZ(3),
    "outcome" TEXT,

    CONSTRAINT "AlertEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertChannel" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "type" "AlertChannelType" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "config" JSONB NOT NULL DEFAULT '{}',
    "secretsSealed" TEXT NOT NULL,
    "targetHint" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdBy" TEXT,
    "lastTestAt" TIMESTAMPTZ(3),
    "lastTestResult" TEXT,

    CONSTRAINT "AlertChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertRoute" (
    "id" UUID NOT NULL,
    "channelId" UUID NOT NULL,
    "minSeverity" "AlertSeverity" NOT NULL DEFAULT 'warning',
    "tag" TEXT,
    "conditions" TEXT[],
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AlertRoute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertSilence" (
    "id" UUID NOT NULL,
    "kind" "AlertSilenceKind" NOT NULL,
    "applianceId" UUID,
    "tag" TEXT,
    "condition" TEXT,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertSilence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertMessage" (
    "id" BIGSERIAL NOT NULL,
    "channelId" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "severity" "AlertSeverity" NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "AlertMessageStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "progress" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "deliveredAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),

    CONSTRAINT "AlertMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertMessageAlert" (
    "messageId" BIGINT NOT NULL,
    "alertId" UUID NOT NULL,
    "eventId" BIGINT NOT NULL,

    CONSTRAINT "AlertMessageAlert_pkey" PRIMARY KEY ("messageId","alertId")
);

-- CreateTable
CREATE TABLE "AlertDeliveryAttempt" (
    "id" BIGSERIAL NOT NULL,
    "messageId" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "detail" TEXT,
    "workerId" TEXT,

    CONSTRAINT "AlertDeliveryAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlertState_nextDueAt_idx" ON "AlertState"("nextDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_openKey_key" ON "Alert"("openKey");

-- CreateIndex
CREATE INDEX "Alert_status_lastEventAt_idx" ON "Alert"("status", "lastEventAt");

-- CreateIndex
CREATE INDEX "Alert_applianceId_openedAt_idx" ON "Alert"("applianceId", "openedAt");

-- CreateIndex
CREATE INDEX "Alert_dedupKey_idx" ON "Alert"("dedupKey");

-- CreateIndex
CREATE INDEX "AlertEvent_dispatchedAt_condition_step_createdAt_idx" ON "AlertEvent"("dispatchedAt", "condition", "step", "createdAt");

-- CreateIndex
CREATE INDEX "AlertEvent_alertId_id_idx" ON "AlertEvent"("alertId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "AlertChannel_name_key" ON "AlertChannel"("name");

-- CreateIndex
CREATE INDEX "AlertRoute_channelId_idx" ON "AlertRoute"("channelId");

-- CreateIndex
CREATE INDEX "AlertSilence_endsAt_idx" ON "AlertSilence"("endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "AlertMessage_idempotencyKey_key" ON "AlertMessage"("idempotencyKey");

-- CreateIndex
CREATE INDEX "AlertMessage_status_nextAttemptAt_idx" ON "AlertMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "AlertMessage_channelId_status_id_idx" ON "AlertMessage"("channelId", "status", "id");

-- CreateIndex
CREATE INDEX "AlertMessageAlert_alertId_idx" ON "AlertMessageAlert"("alertId");

-- CreateIndex
CREATE INDEX "AlertDeliveryAttempt_messageId_at_idx" ON "AlertDeliveryAttempt"("messageId", "at");

-- AddForeignKey
ALTER TABLE "AlertState" ADD CONSTRAINT "AlertState_applianceId_fkey" FOREIGN KEY ("applianceId") REFERENCES "Appliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_applianceId_fkey" FOREIGN KEY ("applianceId") REFERENCES "Appliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertEvent" ADD CONSTRAINT "AlertEvent_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertRoute" ADD CONSTRAINT "AlertRoute_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "AlertChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertSilence" ADD CONSTRAINT "AlertSilence_applianceId_fkey" FOREIGN KEY ("applianceId") REFERENCES "Appliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertMessage" ADD CONSTRAINT "AlertMessage_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "AlertChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertMessageAlert" ADD CONSTRAINT "AlertMessageAlert_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "AlertMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertMessageAlert" ADD CONSTRAINT "AlertMessageAlert_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDeliveryAttempt" ADD CONSTRAINT "AlertDeliveryAttempt_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "AlertMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

