-- CreateEnum
CREATE TYPE "ApplianceKind" AS ENUM ('zvm', 'zca');

-- CreateEnum
CREATE TYPE "ApplianceRole" AS ENUM ('production', 'test');

-- CreateEnum
CREATE TYPE "ApplianceMode" AS ENUM ('polled', 'reporting');

-- CreateEnum
CREATE TYPE "AuthScheme" AS ENUM ('auto', 'windows', 'linux');

-- CreateEnum
CREATE TYPE "TestTransmissionStatus" AS ENUM ('pending', 'running', 'passed', 'failed', 'error');

-- CreateTable
CREATE TABLE "Appliance" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "ApplianceKind" NOT NULL,
    "role" "ApplianceRole" NOT NULL,
    "mode" "ApplianceMode" NOT NULL,
    "url" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "passwordSealed" TEXT NOT NULL,
    "authScheme" "AuthScheme" NOT NULL DEFAULT 'auto',
    "authSchemeDetected" "AuthScheme",
    "tlsFingerprintSha256" TEXT,
    "trustOnFirstUse" BOOLEAN NOT NULL DEFAULT false,
    "tlsCertificateChangedAt" TIMESTAMPTZ(3),
    "tenant" TEXT,
    "region" TEXT,
    "vcenter" TEXT,
    "tags" TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "siteName" TEXT,
    "siteIdentifier" TEXT,
    "version" TEXT,
    "licenseType" TEXT,
    "vraTotal" INTEGER,
    "vraNotConnected" INTEGER,
    "clockSkewSeconds" DOUBLE PRECISION,
    "lastDataAt" TIMESTAMPTZ(3),
    "lastPolledAt" TIMESTAMPTZ(3),
    "lastPollAttemptAt" TIMESTAMPTZ(3),
    "lastPollError" TEXT,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "billingAlertActive" BOOLEAN,
    "billingAlertTurnedOn" TIMESTAMPTZ(3),
    "disconnectionAlertActive" BOOLEAN,
    "disconnectionAlertTurnedOn" TIMESTAMPTZ(3),
    "alertsObservedAt" TIMESTAMPTZ(3),
    "lastBillingAlertSeenAt" TIMESTAMPTZ(3),
    "lastSuccessfulSendAt" TIMESTAMPTZ(3),
    "lastSuccessfulSendSource" TEXT,
    "firstFailureAfterSuccessAt" TIMESTAMPTZ(3),
    "version9SeenAt" TIMESTAMPTZ(3),
    "newEndpointReachability" TEXT,
    "reachabilityCheckedAt" TIMESTAMPTZ(3),
    "billingStatus" TEXT NOT NULL DEFAULT 'unknown',
    "failingSince" TIMESTAMPTZ(3),
    "disconnectAt" TIMESTAMPTZ(3),
    "migrationReadiness" TEXT NOT NULL DEFAULT 'unknown',
    "viewComputedAt" TIMESTAMPTZ(3),
    "nextPollAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),

    CONSTRAINT "Appliance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Poll" (
    "id" BIGSERIAL NOT NULL,
    "applianceId" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "error" TEXT,
    "billingAlertActive" BOOLEAN,
    "workerId" TEXT,

    CONSTRAINT "Poll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollDaily" (
    "applianceId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "okCount" INTEGER NOT NULL,
    "failCount" INTEGER NOT NULL,
    "totalMs" BIGINT NOT NULL,
    "maxMs" INTEGER NOT NULL,

    CONSTRAINT "PollDaily_pkey" PRIMARY KEY ("applianceId","day")
);

-- CreateTable
CREATE TABLE "TestTransmission" (
    "id" UUID NOT NULL,
    "applianceId" UUID NOT NULL,
    "openKey" TEXT,
    "bulkId" UUID,
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "TestTransmissionStatus" NOT NULL DEFAULT 'pending',
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "detail" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMPTZ(3),

    CONSTRAINT "TestTransmission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Appliance_name_key" ON "Appliance"("name");

-- CreateIndex
CREATE INDEX "Appliance_mode_nextPollAt_idx" ON "Appliance"("mode", "nextPollAt");

-- CreateIndex
CREATE INDEX "Appliance_billingStatus_idx" ON "Appliance"("billingStatus");

-- CreateIndex
CREATE INDEX "Appliance_tenant_idx" ON "Appliance"("tenant");

-- CreateIndex
CREATE INDEX "Appliance_region_idx" ON "Appliance"("region");

-- CreateIndex
CREATE INDEX "Poll_applianceId_at_idx" ON "Poll"("applianceId", "at");

-- CreateIndex
CREATE INDEX "Poll_at_idx" ON "Poll"("at");

-- CreateIndex
CREATE UNIQUE INDEX "TestTransmission_openKey_key" ON "TestTransmission"("openKey");

-- CreateIndex
CREATE INDEX "TestTransmission_applianceId_requestedAt_idx" ON "TestTransmission"("applianceId", "requestedAt");

-- CreateIndex
CREATE INDEX "TestTransmission_status_requestedAt_idx" ON "TestTransmission"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "TestTransmission_bulkId_idx" ON "TestTransmission"("bulkId");

-- AddForeignKey
ALTER TABLE "Poll" ADD CONSTRAINT "Poll_applianceId_fkey" FOREIGN KEY ("applianceId") REFERENCES "Appliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TestTransmission" ADD CONSTRAINT "TestTransmission_applianceId_fkey" FOREIGN KEY ("applianceId") REFERENCES "Appliance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

