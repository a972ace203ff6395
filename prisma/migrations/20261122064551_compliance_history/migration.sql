-- CreateTable
CREATE TABLE "FailureEpisode" (
    "id" UUID NOT NULL,
    "applianceId" UUID NOT NULL,
    "applianceName" TEXT NOT NULL,
    "tenant" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL DEFAULT '',
    "role" "ApplianceRole" NOT NULL,
    "openKey" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "criticalAt" TIMESTAMPTZ(3),
    "disconnectedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "endedBy" TEXT,

    CONSTRAINT "FailureEpisode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ComplianceDay" (
    "applianceId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "tenant" TEXT NOT NULL DEFAULT '',
    "region" TEXT NOT NULL DEFAULT '',
    "role" "ApplianceRole" NOT NULL,
    "worstStatus" TEXT NOT NULL,
    "lastStatus" TEXT NOT NULL,
    "minutesFailing" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ComplianceDay_pkey" PRIMARY KEY ("applianceId","day")
);

-- CreateTable
CREATE TABLE "ComplianceRollup" (
    "day" DATE NOT NULL,
    "tenant" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "appliances" INTEGER NOT NULL,
    "mustSend" INTEGER NOT NULL,
    "compliant" INTEGER NOT NULL,
    "minutesFailing" INTEGER NOT NULL,
    "nearDisconnects" INTEGER NOT NULL,
    "disconnects" INTEGER NOT NULL,
    "recoveries" INTEGER NOT NULL,
    "recoveryMinutes" BIGINT NOT NULL,

    CONSTRAINT "ComplianceRollup_pkey" PRIMARY KEY ("day","tenant","region")
);

-- CreateIndex
CREATE UNIQUE INDEX "FailureEpisode_openKey_key" ON "FailureEpisode"("openKey");

-- CreateIndex
CREATE INDEX "FailureEpisode_applianceId_startedAt_idx" ON "FailureEpisode"("applianceId", "startedAt");

-- CreateIndex
CREATE INDEX "FailureEpisode_endedAt_idx" ON "FailureEpisode"("endedAt");

-- CreateIndex
CREATE INDEX "FailureEpisode_criticalAt_idx" ON "FailureEpisode"("criticalAt");

-- CreateIndex
CREATE INDEX "FailureEpisode_disconnectedAt_idx" ON "FailureEpisode"("disconnectedAt");

-- CreateIndex
CREATE INDEX "ComplianceDay_day_idx" ON "ComplianceDay"("day");

